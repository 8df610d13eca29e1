using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TrustPortal.IntegrationTests.Webhooks;

/// <summary>
/// A webhook receiver as a customer would write one, on its own Kestrel port on 127.0.0.1: it verifies the Standard
/// Webhooks signature (its own HMAC, not the portal's code) and the timestamp, answers 401 when either is wrong, and
/// answers 500 to the first requests of the ids a test tells it to fail.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, int> failuresLeft = new(StringComparer.Ordinal);
    private readonly Func<DateTimeOffset> now;

    public WebhookReceiver(Func<DateTimeOffset> now)
    {
        this.now = now;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapPost("/hook", ReceiveAsync);
        app.StartAsync().GetAwaiter().GetResult();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Url = new Uri(new Uri(address), "/hook");
    }

    public Uri Url { get; }

    /// <summary>The endpoint's signing secret, as the portal showed it once.</summary>
    public string? Secret { get; set; }

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>Every request for <paramref name="webhookId"/> is answered 500 until it has been so <paramref name="times"/> times.</summary>
    public void FailFirst(string webhookId, int times) => failuresLeft[webhookId] = times;

    public List<ReceivedWebhook> For(string webhookId) => Received.Where(r => r.WebhookId == webhookId).ToList();

    private async Task ReceiveAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var id = context.Request.Headers["webhook-id"].ToString();
        var timestamp = context.Request.Headers["webhook-timestamp"].ToString();
        var signatures = context.Request.Headers["webhook-signature"].ToString();
        var verified = Verify(id, timestamp, signatures, body);
        var status = !verified ? 401
            : failuresLeft.AddOrUpdate(id, -1, (_, left) => left - 1) >= 0 ? 500
            : 200;
        Received.Enqueue(new ReceivedWebhook(id, timestamp, body, verified, status));
        context.Response.StatusCode = status;
    }

    private bool Verify(string id, string timestamp, string signatures, string body)
    {
        if (Secret is null || id.Length == 0 || !long.TryParse(timestamp, out var seconds)
            || (now() - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance)
        {
            return false;
        }
        var key = Convert.FromBase64String(Secret["whsec_".Length..]);
        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        return signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s.StartsWith("v1,", StringComparison.Ordinal))
            .Select(s => TryBase64(s[3..]))
            .Any(given => given is not null && CryptographicOperations.FixedTimeEquals(given, expected));
    }

    private static byte[]? TryBase64(string value)
    {
        try { return Convert.FromBase64String(value); } catch (FormatException) { return null; }
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

/// <summary>One request as the receiver saw it, and what it answered.</summary>
public sealed record ReceivedWebhook(string WebhookId, string Timestamp, string Body, bool Verified, int Answered);
