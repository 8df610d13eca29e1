using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace TrustPortal.Web.Infrastructure;

/// <summary>
/// Absolute links for emails and sealed PDFs: the configured public URL. Only in Development, where it may be empty
/// (start-up refuses an empty one elsewhere), the address the server actually listens on stands in, so a portal started
/// with <c>--urls</c> on another port links to itself. Never a request's Host header, which a caller controls, and the
/// same answer in a circuit or a background job, where there is no request.
/// </summary>
public sealed class PublicUrls(IOptions<VendorOptions> vendor, IServer server)
{
    public string Absolute(string path) => BaseUrl() + "/" + path.TrimStart('/');

    private string BaseUrl()
    {
        var configured = vendor.Value.PublicUrl;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.TrimEnd('/');
        }
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return ListeningBase(addresses) ?? "http://localhost";
    }

    /// <summary>The first listening address, https preferred, with a wildcard host (<c>0.0.0.0</c>, <c>[::]</c>, <c>+</c>, <c>*</c>) read as localhost.</summary>
    public static string? ListeningBase(IEnumerable<string> addresses)
    {
        var parsed = addresses.Select(Parse).OfType<BindingAddress>().ToList();
        var chosen = parsed.FirstOrDefault(a => a.Scheme == Uri.UriSchemeHttps) ?? parsed.FirstOrDefault();
        if (chosen is null)
        {
            return null;
        }
        var host = chosen.Host is "0.0.0.0" or "[::]" or "+" or "*" or "" ? "localhost" : chosen.Host;
        var port = chosen.Port is 80 && chosen.Scheme == "http" || chosen.Port is 443 && chosen.Scheme == "https" ? "" : $":{chosen.Port}";
        return $"{chosen.Scheme}://{host}{port}{chosen.PathBase.TrimEnd('/')}";
    }

    private static BindingAddress? Parse(string address)
    {
        try
        {
            return BindingAddress.Parse(address);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static bool IsValidBase(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
