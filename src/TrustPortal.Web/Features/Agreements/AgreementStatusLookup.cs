using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Documents;
using TrustPortal.Web.Data;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Agreements;

/// <summary>
/// What anyone holding an agreement may see about it without uploading it: what the paper already says (number, kind,
/// parties' organization names, executed date) plus its status today and the certificate that sealed it. Never the
/// signer's person, address, answers, or a void's reason.
/// </summary>
public sealed class AgreementStatusLookup(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>The agreement whose stored, sealed file has this SHA-256 (lower-case hex), or null.</summary>
    public async Task<AgreementStatusFacts?> FindByFingerprintAsync(string sha256, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.AgreementDocuments.AsNoTracking()
            .Where(d => d.Sha256 == sha256)
            .Join(db.Agreements, d => d.AgreementId, a => a.Id, (d, a) => new
            {
                a.Number, a.Kind, a.Status, a.ExecutedAtUtc, a.StatusChangedAtUtc, Customer = a.Customer.LegalName, Vendor = a.VendorLegalName, d.Content,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }
        return new AgreementStatusFacts(found.Number, found.Kind, found.Status, found.ExecutedAtUtc, found.StatusChangedAtUtc,
            [found.Customer, found.Vendor], sha256, SealerOf(found.Content));
    }

    /// <summary>The SHA-256 of the file stored for the agreement with this id (as printed on its certificate page), or null.</summary>
    public async Task<string?> FingerprintOfAsync(Guid agreementId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AgreementDocuments.AsNoTracking().Where(d => d.AgreementId == agreementId).Select(d => d.Sha256).FirstOrDefaultAsync(cancellationToken);
    }

    // Read from the stored file itself, so it stays right after the sealing certificate is replaced.
    private static SealerFacts? SealerOf(byte[] pdf)
    {
        var seal = PdfSealVerifier.Check(pdf);
        if (seal.Signer is not { } certificate)
        {
            return null;
        }
        return new SealerFacts(certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false),
            certificate.Subject, Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256)),
            certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime());
    }
}

/// <summary>An agreement as the public status page shows it.</summary>
public sealed record AgreementStatusFacts(
    string Number,
    AgreementKind Kind,
    AgreementStatus Status,
    DateTime ExecutedAtUtc,
    DateTime? StatusChangedAtUtc,
    IReadOnlyList<string> Parties,
    string Sha256,
    SealerFacts? Sealer);

/// <summary>The certificate that sealed a stored file: its name, subject, SHA-256 fingerprint and validity (UTC).</summary>
public sealed record SealerFacts(string Name, string Subject, string Sha256Thumbprint, DateTime NotBeforeUtc, DateTime NotAfterUtc);
