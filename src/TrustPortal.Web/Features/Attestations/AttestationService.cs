using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Organizations;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Attestations;

/// <summary>
/// Reads where organizations stand on SOC 2, GDPR, CCPA and HIPAA: a customer sees only their own organization;
/// Legal and Sales see the matrix of all.
/// </summary>
public sealed class AttestationService(IDbContextFactory<AppDbContext> dbFactory, CurrentUser currentUser, IEnumerable<IEvidenceTimelineSource> timelineSources,
    IEnumerable<IDataControlSource> controlSources)
{
    private readonly IReadOnlyList<IDataControlSource> controls = controlSources.ToList();

    /// <summary>The data controls shown after the frameworks, in column order.</summary>
    public IReadOnlyList<string> ControlNames => controls.Select(c => c.Control).ToList();

    public async Task<AttestationRow?> GetMineAsync()
    {
        var organizationId = await currentUser.IsInRoleAsync(Roles.Customer) ? await currentUser.GetOrganizationIdAsync() : null;
        if (organizationId is null)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        var organization = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == organizationId);
        return (await RowsAsync(db, [organization])).Single();
    }

    public async Task<AttestationPage> QueryAsync(AttestationQuery query, CancellationToken cancellationToken = default)
    {
        if (!await IsStaffAsync())
        {
            return new AttestationPage([], 0);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var total = await Filter(db, query).CountAsync(cancellationToken);
        var page = await Page(db, query).ToListAsync(cancellationToken);
        return new AttestationPage(await RowsAsync(db, page, cancellationToken), total);
    }

    /// <summary>One page of the filtered organizations, sorted and cut in the database.</summary>
    internal static IQueryable<Organization> Page(AppDbContext db, AttestationQuery query)
    {
        var organizations = Filter(db, query);
        var ordered = query.Descending ? organizations.OrderByDescending(o => o.Name).ThenBy(o => o.Id) : organizations.OrderBy(o => o.Name).ThenBy(o => o.Id);
        var pageSize = Math.Clamp(query.PageSize, 1, 100);
        return ordered.Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize);
    }

    /// <summary>The organizations a query selects.</summary>
    internal static IQueryable<Organization> Filter(AppDbContext db, AttestationQuery query)
    {
        var organizations = db.Organizations.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = SearchPattern.Contains(query.Search);
            organizations = organizations.Where(o => SearchText.Like(o.Name, pattern));
        }
        if (query.Framework is { } framework && query.Status is { } status)
        {
            organizations = status == AttestationStatus.NotStarted
                ? organizations.Where(o => !db.Attestations.Any(a => a.OrganizationId == o.Id && a.Framework == framework && a.Status != AttestationStatus.NotStarted))
                : organizations.Where(o => db.Attestations.Any(a => a.OrganizationId == o.Id && a.Framework == framework && a.Status == status));
        }
        else if (query.Status is { } anyStatus)
        {
            organizations = organizations.Where(o => db.Attestations.Any(a => a.OrganizationId == o.Id && a.Status == anyStatus));
        }
        else if (query.Framework is { } covered)
        {
            organizations = organizations.Where(o => db.Attestations.Any(a => a.OrganizationId == o.Id && a.Framework == covered && a.Status == AttestationStatus.Current));
        }
        if (query.NeedsAction)
        {
            var statuses = TrackedFrameworks.NeedsAction.ToList();
            organizations = organizations.Where(o => db.Attestations.Any(a => a.OrganizationId == o.Id && statuses.Contains(a.Status)));
        }
        return organizations;
    }

    public async Task<List<FrameworkCoverage>> CoverageAsync(CancellationToken cancellationToken = default)
    {
        if (!await IsStaffAsync())
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organizations = await db.Organizations.CountAsync(cancellationToken);
        var current = await db.Attestations.Where(a => a.Status == AttestationStatus.Current)
            .GroupBy(a => a.Framework).Select(g => new { Framework = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return TrackedFrameworks.All.Select(f => new FrameworkCoverage(f, current.FirstOrDefault(c => c.Framework == f)?.Count ?? 0, organizations)).ToList();
    }

    /// <summary>Every organization's row, in name order, a batch at a time: for the CSV export.</summary>
    public async IAsyncEnumerable<AttestationRow> StreamAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!await IsStaffAsync())
        {
            yield break;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        string? lastName = null;
        Guid lastId = Guid.Empty;
        while (true)
        {
            var batchQuery = db.Organizations.AsNoTracking();
            if (lastName is not null)
            {
                var name = lastName;
                var id = lastId;
                // Keyset paging: constant cost per batch however many organizations there are.
                batchQuery = batchQuery.Where(o => o.Name.CompareTo(name) > 0 || (o.Name == name && o.Id.CompareTo(id) > 0));
            }
            var batch = await batchQuery.OrderBy(o => o.Name).ThenBy(o => o.Id).Take(500).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                yield break;
            }
            foreach (var row in await RowsAsync(db, batch, cancellationToken))
            {
                yield return row;
            }
            (lastName, lastId) = (batch[^1].Name, batch[^1].Id);
        }
    }

    /// <summary>One organization's status and the dated evidence behind it, newest first; staff only.</summary>
    public async Task<(AttestationRow Row, List<EvidenceEvent> Timeline)?> GetOrganizationAsync(Guid organizationId)
    {
        if (!await IsStaffAsync())
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organizationId);
        if (organization is null)
        {
            return null;
        }
        var timeline = new List<EvidenceEvent>();
        foreach (var source in timelineSources)
        {
            await source.AddEventsAsync(db, organizationId, timeline);
        }
        var acceptances = await db.NdaAcceptances.AsNoTracking().Where(n => n.OrganizationId == organizationId)
            .Select(n => new { n.UserName, n.Email, n.NdaVersion, n.AcceptedAtUtc, n.DeliveredAtUtc }).ToListAsync();
        foreach (var n in acceptances)
        {
            timeline.Add(new EvidenceEvent(n.AcceptedAtUtc, $"NDA v{n.NdaVersion} accepted", $"{n.UserName} ({n.Email})", null));
            if (n.DeliveredAtUtc is { } delivered)
            {
                timeline.Add(new EvidenceEvent(delivered, "SOC 2 report delivered", $"To {n.UserName} ({n.Email}), watermarked", null));
            }
        }
        return ((await RowsAsync(db, [organization])).Single(), timeline.OrderByDescending(e => e.AtUtc).ToList());
    }

    private async Task<List<AttestationRow>> RowsAsync(AppDbContext db, IReadOnlyList<Organization> organizations, CancellationToken cancellationToken = default)
    {
        var ids = organizations.Select(o => o.Id).ToList();
        var attestations = await db.Attestations.AsNoTracking().Where(a => ids.Contains(a.OrganizationId)).ToListAsync(cancellationToken);
        var controlCells = new List<IReadOnlyDictionary<Guid, DataControlCell>>();
        foreach (var source in controls)
        {
            controlCells.Add(await source.CellsAsync(db, ids, cancellationToken));
        }
        return organizations.Select(o => new AttestationRow(o.Id, o.Name, TrackedFrameworks.All.Select(f =>
            attestations.FirstOrDefault(a => a.OrganizationId == o.Id && a.Framework == f) is { } a
                ? new AttestationCell(f, a.Status, a.EvidenceLabel, a.EvidenceId, a.EffectiveAtUtc, a.ExpiresAtUtc)
                : AttestationCell.NotStarted(f)).ToList())
        {
            Controls = controlCells.Select(cells => cells[o.Id]).ToList(),
        }).ToList();
    }

    private async Task<bool> IsStaffAsync() => await currentUser.IsInRoleAsync(Roles.Legal) || await currentUser.IsInRoleAsync(Roles.Sales);
}
