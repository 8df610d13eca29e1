using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TrustPortal.Documents;

namespace TrustPortal.Web.Features.Agreements;

/// <summary>
/// What a stored file's own seal says: the certificate that sealed it and its RFC 3161 time-stamp. Read from the file,
/// so it stays right after the sealing certificate is replaced.
/// </summary>
public sealed record SealFacts(SealerFacts? Sealer, SealTimestamp? Timestamp)
{
    public static SealFacts Of(byte[] pdf) => Of(PdfSealVerifier.Check(pdf));

    public static SealFacts Of(SealCheck seal)
    {
        ArgumentNullException.ThrowIfNull(seal);
        if (seal.Signer is not { } certificate)
        {
            return new SealFacts(null, null);
        }
        return new SealFacts(new SealerFacts(certificate.GetNameInfo(X509NameType.SimpleName, false),
            certificate.Subject, Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256)),
            certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime()), seal.Timestamp);
    }
}

/// <summary>The certificate that sealed a stored file: its name, subject, SHA-256 fingerprint and validity (UTC).</summary>
public sealed record SealerFacts(string Name, string Subject, string Sha256Thumbprint, DateTime NotBeforeUtc, DateTime NotAfterUtc)
{
    /// <summary>When the registry of sealing certificates says it was retired (replaced by a newer one); null while active or unknown.</summary>
    public DateTime? RetiredAtUtc { get; init; }

    /// <summary>"Sealed with retired certificate …", or null when the certificate is not retired.</summary>
    public string? RetiredNote => RetiredAtUtc is null ? null : RetiredSentence(Subject, Sha256Thumbprint);

    public static string RetiredSentence(string subject, string sha256Thumbprint) =>
        $"Sealed with retired certificate {subject} (SHA-256 {sha256Thumbprint}). It sealed this agreement while it was active; the seal remains valid.";
}
