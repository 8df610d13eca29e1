using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.DataControls;

/// <summary>Reads shared by the page, the executor's checks, the matrix and the timeline.</summary>
public static class DataSharingQueries
{
    /// <summary>The election in force, or null when the organization never made one (Off).</summary>
    public static Task<DataSharingElection?> CurrentAsync(AppDbContext db, Guid organizationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.DataSharingElections.AsNoTracking()
            .Where(e => e.OrganizationId == organizationId)
            .OrderByDescending(e => e.Revision)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The election in force for each of <paramref name="organizationIds"/>; Off for those without one.</summary>
    public static async Task<Dictionary<Guid, ElectionState>> StatesAsync(AppDbContext db, IReadOnlyCollection<Guid> organizationIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(organizationIds);
        var ids = organizationIds.ToList();
        var latest = await db.DataSharingElections.AsNoTracking()
            .Where(e => ids.Contains(e.OrganizationId)
                && e.Revision == db.DataSharingElections.Where(o => o.OrganizationId == e.OrganizationId).Max(o => o.Revision))
            .ToListAsync(cancellationToken);
        return ids.Distinct().ToDictionary(id => id, id => latest.FirstOrDefault(e => e.OrganizationId == id) is { } e ? State(e) : ElectionState.Never);
    }

    public static ElectionState State(DataSharingElection? election) => election is null
        ? ElectionState.Never
        : new ElectionState(election.OptedIn, election.Revision, election.ElectedAtUtc, election.EffectiveFromUtc, election.SignerName, election.AgreementId, election.AgreementNumber);

    /// <summary>The training section of a commitments version (all its sections if it has none by that name); null when not published.</summary>
    public static async Task<CommitmentText?> CommitmentAsync(AppDbContext db, int version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var published = await db.ContentVersions.AsNoTracking().Include(v => v.Sections)
            .FirstOrDefaultAsync(v => v.Number == version, cancellationToken);
        if (published is null)
        {
            return null;
        }
        var sections = published.Sections.OrderBy(s => s.Order).ToList();
        var training = sections.Where(s => s.Slug == DataSharingRules.CommitmentSectionSlug).ToList();
        return new CommitmentText(published.Number, published.EffectiveDate, published.Sha256,
            (training.Count > 0 ? training : sections).Select(s => new CommitmentParagraphs(s.Slug, s.Title, s.BodyMarkdown)).ToList());
    }

    /// <summary>The newest commitments version number; 0 when none is published.</summary>
    public static async Task<int> CurrentCommitmentsVersionAsync(AppDbContext db, CancellationToken cancellationToken = default) =>
        await db.ContentVersions.MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0;

    /// <summary>The organization as its latest executed agreement names it (legal name and address); its portal name otherwise.</summary>
    public static async Task<PartyDetails> CustomerPartyAsync(AppDbContext db, Guid organizationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var named = await db.Agreements.AsNoTracking()
            .Where(a => a.OrganizationId == organizationId && a.Status == AgreementStatus.Executed && a.Kind != AgreementKind.Election)
            .OrderByDescending(a => a.ExecutedAtUtc)
            .Select(a => a.Customer)
            .FirstOrDefaultAsync(cancellationToken);
        if (named is not null)
        {
            return new PartyDetails { LegalName = named.LegalName, Address = named.Address, Country = named.Country, CompanyNumber = named.CompanyNumber };
        }
        var name = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Name).FirstAsync(cancellationToken);
        return new PartyDetails { LegalName = name };
    }
}
