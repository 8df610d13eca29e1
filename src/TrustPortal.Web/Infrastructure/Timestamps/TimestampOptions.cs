namespace TrustPortal.Web.Infrastructure.Timestamps;

/// <summary>
/// The RFC 3161 time-stamp authorities that every seal (and every audit anchor) is time-stamped by. Bound from the
/// section "Agreements:Seal", beside the sealing certificate.
/// </summary>
public sealed class TimestampOptions
{
    public const string Section = "Agreements:Seal";

    /// <summary>Authorities tried in this order; the next one is asked when one fails. Empty: no time-stamps.</summary>
    public List<string> TimestampUrls { get; set; } = [];

    /// <summary>
    /// When every authority fails: true refuses the execution (nothing stored, no number used), false seals without a
    /// time-stamp and logs an error. Unset: required exactly when <see cref="TimestampUrls"/> has any.
    /// </summary>
    public bool? RequireTimestamp { get; set; }

    /// <summary>How long one request to one authority may take.</summary>
    public TimeSpan TimestampTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries per authority after a timeout, a connection failure or a 5xx/429 answer, before the next authority is asked.</summary>
    public int TimestampRetries { get; set; } = 2;

    /// <summary>First wait before a retry; later waits grow exponentially, with jitter.</summary>
    public TimeSpan TimestampRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public bool Enabled => TimestampUrls.Count > 0;

    public bool Required => RequireTimestamp ?? Enabled;
}
