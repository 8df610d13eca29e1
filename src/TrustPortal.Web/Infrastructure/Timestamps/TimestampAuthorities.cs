using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using TrustPortal.Documents;

namespace TrustPortal.Web.Infrastructure.Timestamps;

/// <summary>
/// Asks the configured RFC 3161 time-stamp authorities, in order, for a token over some data (a seal's signature value,
/// the audit chain's head). Each authority gets the HTTP client's timeouts and retries; when it still fails, the next
/// one is asked. A token is accepted only when its status is granted, its nonce and message imprint are ours and its
/// signature verifies with the authority's own certificate (which the token must carry).
/// </summary>
public sealed class TimestampAuthorities(IHttpClientFactory httpClients, IOptions<TimestampOptions> options, ILogger<TimestampAuthorities> logger) : ISealTimestamper
{
    public const string HttpClientName = "timestamp-authorities";

    /// <summary>What users are told when no authority answered; the details are in the log.</summary>
    public const string Unavailable =
        "The document could not be time-stamped: no time-stamp authority answered. Nothing was signed or stored; please try again in a few minutes.";

    private const string QueryMediaType = "application/timestamp-query";

    public bool Enabled => options.Value.Enabled;

    /// <summary>Null when time-stamps are off; otherwise this (for the sealer).</summary>
    public ISealTimestamper? ForSeal => Enabled ? this : null;

    public async Task<Rfc3161TimestampToken?> TimestampAsync(ReadOnlyMemory<byte> signatureValue, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var request = Rfc3161TimestampRequest.CreateFromData(signatureValue.Span, HashAlgorithmName.SHA256,
            nonce: RandomNumberGenerator.GetBytes(16), requestSignerCertificates: true);
        foreach (var url in settings.TimestampUrls)
        {
            try
            {
                var token = await RequestAsync(new Uri(url), request, signatureValue, cancellationToken);
                logger.LogDebug("Time-stamped by {Authority} at {Time:O}.", url, token.TokenInfo.Timestamp);
                return token;
            }
            catch (Exception ex) when (IsAuthorityFailure(ex, cancellationToken))
            {
                logger.LogWarning(ex, "The time-stamp authority {Authority} failed: {Reason}", url, ex.Message);
            }
        }
        if (settings.Required)
        {
            logger.LogError("No time-stamp authority of {Count} answered; the seal was refused.", settings.TimestampUrls.Count);
            throw new SealTimestampException(Unavailable);
        }
        logger.LogError("No time-stamp authority of {Count} answered; sealing without a time-stamp (Agreements:Seal:RequireTimestamp is false).",
            settings.TimestampUrls.Count);
        return null;
    }

    private async Task<Rfc3161TimestampToken> RequestAsync(Uri url, Rfc3161TimestampRequest request, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var client = httpClients.CreateClient(HttpClientName);
        using var content = new ByteArrayContent(request.Encode());
        content.Headers.ContentType = new MediaTypeHeaderValue(QueryMediaType);
        using var response = await client.PostAsync(url, content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"It answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        // Checks the status, the nonce, the policy and the message imprint, and throws CryptographicException otherwise.
        var token = request.ProcessResponse(body, out _);
        if (!token.VerifySignatureForData(data.Span, out _))
        {
            throw new CryptographicException("The token's signature does not verify with the authority's certificate.");
        }
        return token;
    }

    private static bool IsAuthorityFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or CryptographicException or UriFormatException
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
