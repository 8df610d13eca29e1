using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.TrustCenter.Subscriptions;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Agreements;

/// <summary>The signatories of executed DPAs, for the trust center's subprocessor-change notices.</summary>
public sealed class DpaSignatories(IOptions<AgreementOptions> options) : IDpaSignatories
{
    public int ObjectionDays => options.Value.SubprocessorObjectionDays;

    public Task<int> CountOrganizationsAsync(AppDbContext db, CancellationToken cancellationToken) =>
        ExecutedDpas(db).Select(a => a.OrganizationId).Distinct().CountAsync(cancellationToken);

    public async Task<List<DpaSignatory>> LatestPerOrganizationAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var dpas = await ExecutedDpas(db)
            .Select(a => new DpaSignatory(a.OrganizationId, a.Number, a.SignerName, a.SignerEmail, a.ExecutedAtUtc, a.Customer.LegalName))
            .ToListAsync(cancellationToken);
        return dpas.GroupBy(a => a.OrganizationId).Select(g => g.OrderByDescending(a => a.ExecutedAtUtc).First()).ToList();
    }

    private static IQueryable<Agreement> ExecutedDpas(AppDbContext db) =>
        db.Agreements.Where(a => a.Kind == AgreementKind.Dpa && a.Status == AgreementStatus.Executed);
}
