using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Attestations;
using TrustPortal.Web.Features.Baa;

namespace TrustPortal.Web.Features.DataRetention;

/// <summary>
/// Data retention as a column of Legal's matrix, its CSV and the organization page: the amendment in force (On), an
/// open request, or the standard retention.
/// </summary>
public sealed class DataRetentionControl : IDataControlSource
{
    public const string Name = "Data retention";

    public string Control => Name;

    public async Task<IReadOnlyDictionary<Guid, DataControlCell>> CellsAsync(AppDbContext db, IReadOnlyCollection<Guid> organizationIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(organizationIds);
        var ids = organizationIds.Distinct().ToList();
        // An executed request whose amendment is still in force (not superseded or voided), else an open one.
        var inForce = await db.DataRetentionRequests.AsNoTracking()
            .Where(r => ids.Contains(r.OrganizationId) && r.Status == BaaStatus.Executed
                && db.Agreements.Any(a => a.Id == r.AgreementId && a.Status == AgreementStatus.Executed))
            .Select(r => new { r.OrganizationId, r.Retention, r.RetentionDays, r.CountersignedAtUtc, r.AgreementId })
            .ToListAsync(cancellationToken);
        var open = await db.DataRetentionRequests.AsNoTracking()
            .Where(r => ids.Contains(r.OrganizationId) && r.Status != BaaStatus.Executed && r.Status != BaaStatus.Rejected)
            .Select(r => new { r.OrganizationId, r.Reference, r.Retention, r.RetentionDays, r.SubmittedAtUtc })
            .ToListAsync(cancellationToken);
        var cells = new Dictionary<Guid, DataControlCell>();
        foreach (var id in ids)
        {
            if (inForce.Where(r => r.OrganizationId == id).MaxBy(r => r.CountersignedAtUtc) is { } amendment)
            {
                cells[id] = new DataControlCell(Name, true,
                    string.Create(CultureInfo.InvariantCulture, $"{DataRetentionRules.Describe(amendment.Retention, amendment.RetentionDays)} since {amendment.CountersignedAtUtc:yyyy-MM-dd} (UTC)"),
                    amendment.CountersignedAtUtc, $"/agreements/{amendment.AgreementId}");
            }
            else if (open.FirstOrDefault(r => r.OrganizationId == id) is { } request)
            {
                cells[id] = new DataControlCell(Name, false, $"Requested: {DataRetentionRules.Describe(request.Retention, request.RetentionDays)}",
                    request.SubmittedAtUtc, null);
            }
            else
            {
                cells[id] = new DataControlCell(Name, false, $"Standard ({DataRetentionRules.StandardRetentionDays} days)", null, null);
            }
        }
        return cells;
    }
}
