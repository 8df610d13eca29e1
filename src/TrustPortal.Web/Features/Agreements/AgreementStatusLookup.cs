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
public sealed class AgreementStatusLookup(IDbContextFactory<AppDbContext> dbFactory, Certificates.SealCertificateRegistry registry)
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
        var seal = SealFacts.Of(found.Content);
        return new AgreementStatusFacts(found.Number, found.Kind, found.Status, found.ExecutedAtUtc, found.StatusChangedAtUtc,
            [found.Customer, found.Vendor], sha256, await WithRegistryAsync(seal.Sealer, cancellationToken), seal.Timestamp);
    }

    private async Task<SealerFacts?> WithRegistryAsync(SealerFacts? sealer, CancellationToken cancellationToken)
    {
        if (sealer is null)
        {
            return null;
        }
        var registered = await registry.FindAsync(sealer.Sha256Thumbprint, cancellationToken);
        return registered is { Status: Certificates.SealingCertificateStatus.Retired } ? sealer with { RetiredAtUtc = registered.RetiredAtUtc } : sealer;
    }

    /// <summary>The SHA-256 of the file stored for the agreement with this id (as printed on its certificate page), or null.</summary>
    public async Task<string?> FingerprintOfAsync(Guid agreementId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AgreementDocuments.AsNoTracking().Where(d => d.AgreementId == agreementId).Select(d => d.Sha256).FirstOrDefaultAsync(cancellationToken);
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
    SealerFacts? Sealer,
    SealTimestamp? Timestamp);
