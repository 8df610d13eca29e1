using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Documents;
using TrustPortal.Web.Data;
using TrustPortal.Web.Infrastructure;

using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Agreements;

/// <summary>
/// Answers "is this PDF one we issued, unchanged?": the seal must validate over the whole file AND its SHA-256 must be
/// a stored document's. Either alone is not enough: a valid seal from another certificate, or a known hash with a
/// stripped seal, is not authentic.
/// </summary>
public sealed class DocumentVerifier(IDbContextFactory<AppDbContext> dbFactory, Certificates.SealCertificateRegistry registry)
{
    public static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();

    public async Task<VerificationResult> VerifyAsync(byte[] file, CancellationToken cancellationToken = default)
    {
        if (file.Length == 0)
        {
            return VerificationResult.NotAuthentic("The file is empty.");
        }
        if (!file.AsSpan().StartsWith(PdfMagic))
        {
            return VerificationResult.NotAuthentic("The file is not a PDF.");
        }
        var seal = PdfSealVerifier.Check(file);
        if (!seal.Valid)
        {
            // An unsealed but sound PDF gets an answer; a file no PDF reader can open is refused as unreadable.
            return seal.Reason == PdfSealVerifier.NoSeal && PdfReadability.Problem(file) is { } problem
                ? VerificationResult.NotAuthentic($"The file is damaged or is not a readable PDF: {Sentence(problem)}") with { Unreadable = true }
                : VerificationResult.NotAuthentic(seal.Reason ?? "The digital seal is not valid.");
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(file));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var match = await db.AgreementDocuments.AsNoTracking()
            .Where(d => d.Sha256 == hash)
            .Join(db.Agreements, d => d.AgreementId, a => a.Id, (d, a) => new
            {
                a.Number, a.Kind, a.Status, a.ExecutedAtUtc, Customer = a.Customer.LegalName, Vendor = a.VendorLegalName,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (match is null)
        {
            return VerificationResult.NotAuthentic("The seal is intact, but this portal did not issue this exact file.");
        }
        var timestamp = seal.Timestamp is { Verified: true } stamp ? stamp : null;
        var certificateSha256 = Convert.ToHexString(seal.Signer!.GetCertHash(HashAlgorithmName.SHA256));
        var registered = await registry.FindAsync(certificateSha256, cancellationToken);
        var retired = registered?.Status == Certificates.SealingCertificateStatus.Retired;
        return new VerificationResult(true, null, match.Number, match.Kind.DisplayName(), match.ExecutedAtUtc,
            [match.Customer, match.Vendor], match.Status.DisplayName(), hash)
        {
            TimestampUtc = timestamp?.TimeUtc,
            TimestampAuthority = timestamp?.Authority,
            SealCertificate = seal.Signer.Subject,
            SealCertificateSha256 = certificateSha256,
            SealCertificateRetired = retired,
            SealNote = retired ? SealerFacts.RetiredSentence(seal.Signer.Subject, certificateSha256) : null,
        };
    }

    /// <summary>Parser messages may lack a full stop or be long; keep the answer one tidy sentence.</summary>
    private static string Sentence(string problem)
    {
        var text = problem.Length > 200 ? problem[..200] + "…" : problem;
        return text.EndsWith('.') ? text : text + ".";
    }
}

/// <summary>The verification answer, as the page shows it and the API returns it.</summary>
public sealed record VerificationResult(
    bool Authentic,
    string? Reason,
    string? AgreementNumber,
    string? Kind,
    DateTime? ExecutedAtUtc,
    IReadOnlyList<string>? Parties,
    string? Status,
    string? Sha256)
{
    /// <summary>The upload is not a PDF any reader can open; the API answers 422.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Unreadable { get; init; }

    /// <summary>When the seal's RFC 3161 time-stamp says it was made (only a time-stamp that verifies), UTC.</summary>
    public DateTime? TimestampUtc { get; init; }

    /// <summary>The time-stamp authority: the subject of its certificate.</summary>
    public string? TimestampAuthority { get; init; }

    /// <summary>The subject of the certificate that sealed the file.</summary>
    public string? SealCertificate { get; init; }

    /// <summary>That certificate's SHA-256 fingerprint (upper-case hex).</summary>
    public string? SealCertificateSha256 { get; init; }

    /// <summary>True when a newer certificate has replaced it; the file is still authentic.</summary>
    public bool SealCertificateRetired { get; init; }

    /// <summary>"Sealed with retired certificate …" when it was retired.</summary>
    public string? SealNote { get; init; }

    public static VerificationResult NotAuthentic(string reason) => new(false, reason, null, null, null, null, null, null);
}
