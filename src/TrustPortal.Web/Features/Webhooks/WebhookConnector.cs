using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace TrustPortal.Web.Features.Webhooks;

/// <summary>
/// Opens the connection for a webhook request and checks the address it actually connects to, at every delivery: a
/// name that resolved to a public address at registration and to a private one now (DNS rebinding) is refused here.
/// </summary>
public sealed class WebhookConnector(IOptionsMonitor<WebhookOptions> options)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (!options.CurrentValue.AllowPrivateAddresses)
        {
            foreach (var address in addresses)
            {
                if (WebhookAddresses.WhyRefused(address) is { } why)
                {
                    throw new WebhookAddressRefusedException($"Refused: {host} is {why} ({address}). Webhooks go only to public addresses.");
                }
            }
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A delivery that was not attempted because the receiver's address is not allowed.</summary>
public sealed class WebhookAddressRefusedException(string message) : IOException(message);
