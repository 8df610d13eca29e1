using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace TrustPortal.Web.Features.Webhooks;

/// <summary>One signed POST of a message to its receiver, and what came of it. Never throws for the receiver's faults.</summary>
public sealed class WebhookDelivery(IHttpClientFactory httpClients, TimeProvider clock)
{
    public const string ClientName = "webhooks";
    private const int ResponseExcerpt = 300;

    public async Task<WebhookAttemptOutcome> PostAsync(string url, string secret, string messageId, string body, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(secret, messageId, timestamp, body));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("TrustPortal-Webhooks", "1.0"));
        try
        {
            using var response = await httpClients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var code = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new WebhookAttemptOutcome(code, null, Elapsed(started));
            }
            var error = code is >= 300 and < 400
                ? $"HTTP {code}: redirects are not followed; register the final address."
                : $"HTTP {code} {response.ReasonPhrase}: {await ExcerptAsync(response, cancellationToken)}".TrimEnd(' ', ':');
            return new WebhookAttemptOutcome(code, error, Elapsed(started));
        }
        catch (HttpRequestException ex) when (ex.InnerException is WebhookAddressRefusedException refused)
        {
            return new WebhookAttemptOutcome(null, refused.Message, Elapsed(started));
        }
        catch (HttpRequestException ex)
        {
            return new WebhookAttemptOutcome(null, $"No answer: {ex.Message}", Elapsed(started));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookAttemptOutcome(null, "No answer: the receiver did not answer in time.", Elapsed(started));
        }
    }

    private static async Task<string> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[ResponseExcerpt];
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            return Encoding.UTF8.GetString(buffer, 0, read).ReplaceLineEndings(" ").Trim();
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return "";
        }
    }

    private static int Elapsed(long started) => (int)Math.Min(int.MaxValue, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
}

/// <summary>What one attempt got: the receiver's status code (null when it never answered) and, unless it succeeded, why not.</summary>
public sealed record WebhookAttemptOutcome(int? StatusCode, string? Error, int DurationMs)
{
    public bool Succeeded => Error is null;
}
