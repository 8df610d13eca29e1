using TrustPortal.Web.Data;

namespace TrustPortal.Web.Features.TrustCenter.Subscriptions;

/// <summary>
/// Who must hear of a subprocessor change under an executed DPA, and how long they may object. Agreements implement it,
/// so the trust center depends on no agreement type.
/// </summary>
public interface IDpaSignatories
{
    int ObjectionDays { get; }

    /// <summary>Organizations with at least one executed DPA.</summary>
    Task<int> CountOrganizationsAsync(AppDbContext db, CancellationToken cancellationToken);

    /// <summary>One per organization: whoever signed its most recent executed DPA.</summary>
    Task<List<DpaSignatory>> LatestPerOrganizationAsync(AppDbContext db, CancellationToken cancellationToken);
}

public sealed record DpaSignatory(Guid OrganizationId, string Number, string SignerName, string SignerEmail, DateTime ExecutedAtUtc, string LegalName);
