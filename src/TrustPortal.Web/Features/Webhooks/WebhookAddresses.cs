using System.Net;
using System.Net.Sockets;

namespace TrustPortal.Web.Features.Webhooks;

/// <summary>
/// Which receiver addresses are allowed: public unicast only, unless Webhooks:AllowPrivateAddresses says otherwise. The
/// same rule is applied to the URL at registration and to the address actually connected to at every delivery.
/// </summary>
public static class WebhookAddresses
{
    /// <summary>Why <paramref name="address"/> may not receive webhooks (e.g. "a private address"), or null when it may.</summary>
    public static string? WhyRefused(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address))
        {
            return "a loopback address";
        }
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return "an unspecified or broadcast address";
        }
        return address.AddressFamily == AddressFamily.InterNetwork ? WhyRefusedV4(address.GetAddressBytes()) : WhyRefusedV6(address);
    }

    private static string? WhyRefusedV4(byte[] b) => b switch
    {
        [0, ..] => "an unspecified address (0.0.0.0/8)",
        [10, ..] or [172, >= 16 and <= 31, ..] or [192, 168, ..] => "a private address (RFC 1918)",
        [100, >= 64 and <= 127, ..] => "a shared address (100.64.0.0/10, carrier-grade NAT)",
        [169, 254, ..] => "a link-local address (169.254.0.0/16, cloud metadata lives here)",
        [192, 0, 0, ..] => "an IETF protocol address (192.0.0.0/24)",
        [198, 18 or 19, ..] => "a benchmarking address (198.18.0.0/15)",
        [>= 224, ..] => "a multicast or reserved address",
        _ => null,
    };

    private static string? WhyRefusedV6(IPAddress address)
    {
        var b = address.GetAddressBytes();
        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal)
        {
            return "a link-local address (fe80::/10)";
        }
        if (address.IsIPv6Multicast)
        {
            return "a multicast address";
        }
        if ((b[0] & 0xFE) == 0xFC)
        {
            return "a private address (fc00::/7)";
        }
        // IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16) wrap an IPv4 address that may be private.
        if (b.Take(12).All(x => x == 0) || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B))
        {
            return WhyRefusedV4(b[12..]) ?? (b.Take(12).All(x => x == 0) ? "an IPv4-compatible address" : null);
        }
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return WhyRefusedV4(b[2..6]);
        }
        return null;
    }

    /// <summary>
    /// Checks a receiver URL as an Admin entered it: absolute http(s), no credentials, and a host whose every address
    /// may receive webhooks. Returns the normalised URL, or why it is refused.
    /// </summary>
    public static async Task<(Uri? Url, string? Error)> CheckAsync(string? input, bool allowPrivate, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(input) || !Uri.TryCreate(input.Trim(), UriKind.Absolute, out var url))
        {
            return (null, "Enter the full address of your receiver, such as https://hooks.example.com/trustportal.");
        }
        if (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
        {
            return (null, "Only http and https addresses can receive webhooks.");
        }
        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            return (null, "Leave user names and passwords out of the address; webhooks are signed instead.");
        }
        if (url.OriginalString.Length > WebhookEndpoint.UrlMaxLength)
        {
            return (null, $"The address is longer than {WebhookEndpoint.UrlMaxLength} characters.");
        }
        if (allowPrivate)
        {
            return (url, null);
        }
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(url.IdnHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(url.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return (null, $"The host {url.Host} could not be found. Check the address, or register it once its DNS name exists.");
        }
        foreach (var address in addresses)
        {
            if (WhyRefused(address) is { } why)
            {
                return (null, $"{url.Host} is {why} ({address}). Webhooks go only to public internet addresses, so the portal cannot be used to reach its own network.");
            }
        }
        return addresses.Length == 0 ? (null, $"The host {url.Host} has no address.") : (url, null);
    }
}
