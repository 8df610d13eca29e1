using System.Security.Cryptography.X509Certificates;

namespace TrustPortal.Documents;

/// <summary>
/// The outcome of <see cref="PdfSealVerifier.Check"/>: valid with the sealing certificate, or not valid with a short
/// sentence saying why (and no signer, so a caller cannot mistake a broken seal's certificate for an endorsement).
/// </summary>
public sealed record SealCheck(bool Valid, string? Reason, X509Certificate2? Signer)
{
    /// <summary>The seal's RFC 3161 time-stamp, when it carries one.</summary>
    public SealTimestamp? Timestamp { get; init; }

    internal static SealCheck Refused(string reason) => new(false, reason, null);
}
