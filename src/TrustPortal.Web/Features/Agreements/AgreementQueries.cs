using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Security;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Agreements;

/// <summary>
/// Reads agreements for the signed-in user: members of the owning organization and Legal see one; for anyone else
/// it does not exist.
/// </summary>
public sealed class AgreementQueries(IDbContextFactory<AppDbContext> dbFactory, CurrentUser currentUser)
{
    /// <summary>The DPA template version the caller's organization signed (null if none in force) and the newest one.</summary>
    public async Task<(int? Signed, int Latest)> GetMyDpaVersionsAsync()
    {
        var organizationId = await currentUser.IsInRoleAsync(Roles.Customer) ? await currentUser.GetOrganizationIdAsync() : null;
        await using var db = await dbFactory.CreateDbContextAsync();
        var latest = await db.AgreementTemplates.Where(t => t.Kind == AgreementKind.Dpa).MaxAsync(t => (int?)t.Version) ?? 0;
        var signed = organizationId is null ? null : await db.Agreements
            .Where(a => a.OrganizationId == organizationId && a.Kind == AgreementKind.Dpa && a.Status == AgreementStatus.Executed)
            .MaxAsync(a => (int?)a.TemplateVersion);
        return (signed, latest);
    }

    public async Task<AgreementView?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var visible = await VisibleAsync(db);
        return await visible.Where(a => a.Id == id)
            .Select(a => new AgreementView(a.Id, a.Number, a.Kind, a.Status, a.Organization!.Name, a.Customer.LegalName, a.Customer.Address,
                a.Customer.Country, a.Customer.CompanyNumber, a.VendorLegalName, a.VendorSignatoryName, a.VendorSignatoryTitle,
                a.SignerName, a.SignerTitle, a.SignerEmail, a.ExecutedAtUtc, a.TemplateVersion, a.StatusReason, a.StatusChangedAtUtc,
                db.AgreementDocuments.Where(d => d.AgreementId == a.Id).Select(d => d.Sha256).FirstOrDefault() ?? "",
                db.AgreementDocuments.Where(d => d.AgreementId == a.Id).Select(d => d.SizeBytes).FirstOrDefault())
            {
                SignerEmailVerifiedAtUtc = db.SignatureRequests.Where(r => r.AgreementId == a.Id)
                    .Join(db.SignatureCodes, r => r.SignedWithCodeId, c => (Guid?)c.Id, (_, c) => c.VerifiedAtUtc).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The sealed PDF, or null when the caller may not see it (or it does not exist: the same answer).</summary>
    public async Task<AgreementFile?> GetPdfAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var visible = await VisibleAsync(db);
        return await visible.Where(a => a.Id == id)
            .Join(db.AgreementDocuments, a => a.Id, d => d.AgreementId, (a, d) => new AgreementFile(a.Number, d.Content, d.Sha256))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>What the stored file's seal says (certificate, time-stamp), or null when the caller may not see it.</summary>
    public async Task<SealFacts?> GetSealAsync(Guid id, CancellationToken cancellationToken = default) =>
        await GetPdfAsync(id, cancellationToken) is { } file ? SealFacts.Of(file.Content) : null;

    /// <summary>The caller's organization's agreements, newest first.</summary>
    public async Task<List<AgreementSummary>> ListMineAsync(CancellationToken cancellationToken = default)
    {
        var organizationId = await currentUser.GetOrganizationIdAsync();
        if (organizationId is null || !await currentUser.IsInRoleAsync(Roles.Customer))
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Agreements.AsNoTracking()
            .Where(a => a.OrganizationId == organizationId)
            .OrderByDescending(a => a.ExecutedAtUtc)
            .Select(a => new AgreementSummary(a.Id, a.Number, a.Kind, a.Status, a.Customer.LegalName, a.SignerName, a.ExecutedAtUtc, a.TemplateVersion))
            .ToListAsync(cancellationToken);
    }

    private async Task<IQueryable<Agreement>> VisibleAsync(AppDbContext db)
    {
        var agreements = db.Agreements.AsNoTracking();
        if (await currentUser.IsInRoleAsync(Roles.Legal))
        {
            return agreements;
        }
        var organizationId = await currentUser.GetOrganizationIdAsync();
        if (organizationId is null || !await currentUser.IsInRoleAsync(Roles.Customer))
        {
            return agreements.Where(_ => false);
        }
        return agreements.Where(a => a.OrganizationId == organizationId);
    }
}

public sealed record AgreementView(Guid Id, string Number, AgreementKind Kind, AgreementStatus Status, string OrganizationName,
    string CustomerLegalName, string CustomerAddress, string CustomerCountry, string? CustomerCompanyNumber,
    string VendorLegalName, string VendorSignatoryName, string VendorSignatoryTitle,
    string SignerName, string SignerTitle, string SignerEmail, DateTime ExecutedAtUtc, int TemplateVersion,
    string? StatusReason, DateTime? StatusChangedAtUtc, string Sha256, long SizeBytes)
{
    /// <summary>When the signer, signing from an emailed link, proved the address with an emailed code.</summary>
    public DateTime? SignerEmailVerifiedAtUtc { get; init; }
}

public sealed record AgreementSummary(Guid Id, string Number, AgreementKind Kind, AgreementStatus Status, string CustomerLegalName,
    string SignerName, DateTime ExecutedAtUtc, int TemplateVersion);

public sealed record AgreementFile(string Number, byte[] Content, string Sha256);
