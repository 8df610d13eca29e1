using System.Security.Cryptography.X509Certificates;

namespace TrustPortal.Documents;

/// <summary>
/// The outcome of <see cref="PdfSealVerifier.Check"/>: valid with the sealing certificate, or not valid with a short
/// sentence saying why (and no signer, so a caller cannot mistake a broken seal's certificate for an endorsement).
/// </summary>
public sealed record SealCheck(bool Valid, string? Reason, X509Certificate2? Signer)
{
    internal static SealCheck Refused(string reason) => new(false, reason, null);
}
