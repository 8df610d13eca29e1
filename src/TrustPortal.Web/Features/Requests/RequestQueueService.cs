using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Baa;
using TrustPortal.Web.Features.DataRetention;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Requests;

/// <summary>
/// The Sales queue over every request type: the tables are combined with UNION ALL in the database, so filters, sort
/// and paging never load more than one page. Only Sales sees it.
/// </summary>
public sealed class RequestQueueService(
    IDbContextFactory<AppDbContext> dbFactory,
    CurrentUser currentUser,
    BaaReviewService baaReview,
    DataRetentionReviewService retentionReview,
    TimeProvider clock)
{
    public async Task<RequestQueueResult> QueryAsync(RequestQueueQuery query, CancellationToken cancellationToken = default)
    {
        if (!await currentUser.IsInRoleAsync(Roles.Sales))
        {
            return new RequestQueueResult([], 0);
        }
        var me = await currentUser.GetUserIdAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var requests = Items(db, query.Type);
        if (query.Status is { } status)
        {
            requests = requests.Where(r => r.Status == status);
        }
        requests = query.Assignee switch
        {
            RequestQueueQuery.Me => requests.Where(r => r.AssignedToUserId == me),
            RequestQueueQuery.Unassigned => requests.Where(r => r.AssignedToUserId == null),
            _ => requests,
        };
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            var pattern = SearchPattern.Contains(term);
            if (RequestTypes.ParseReference(term) is var (type, number))
            {
                requests = requests.Where(r => (r.Type == type && r.Reference == number) || SearchText.Like(r.LegalName, pattern) || SearchText.Like(r.OrganizationName, pattern));
            }
            else
            {
                requests = requests.Where(r => SearchText.Like(r.LegalName, pattern) || SearchText.Like(r.OrganizationName, pattern));
            }
        }
        if (query.OverdueOnly)
        {
            // BaaRules.IsOverdue in SQL: waiting on Sales and past the due time each request stored at submission.
            requests = requests.Where(r => (r.Status == BaaStatus.Submitted || r.Status == BaaStatus.InReview) && r.ResponseDueAtUtc < now);
        }
        var total = await requests.CountAsync(cancellationToken);
        requests = (query.SortBy, query.Descending) switch
        {
            ("organization", false) => requests.OrderBy(r => r.OrganizationName).ThenBy(r => r.SubmittedAtUtc),
            ("organization", true) => requests.OrderByDescending(r => r.OrganizationName).ThenBy(r => r.SubmittedAtUtc),
            ("status", false) => requests.OrderBy(r => r.Status).ThenBy(r => r.SubmittedAtUtc),
            ("status", true) => requests.OrderByDescending(r => r.Status).ThenBy(r => r.SubmittedAtUtc),
            ("type", false) => requests.OrderBy(r => r.Type).ThenBy(r => r.SubmittedAtUtc),
            ("type", true) => requests.OrderByDescending(r => r.Type).ThenBy(r => r.SubmittedAtUtc),
            ("reference", false) => requests.OrderBy(r => r.Type).ThenBy(r => r.Reference),
            ("reference", true) => requests.OrderBy(r => r.Type).ThenByDescending(r => r.Reference),
            ("due", false) => requests.OrderBy(r => r.ResponseDueAtUtc).ThenBy(r => r.Id),
            ("due", true) => requests.OrderByDescending(r => r.ResponseDueAtUtc).ThenBy(r => r.Id),
            // Oldest first by default: the most urgent request is on top.
            (_, true) => requests.OrderByDescending(r => r.SubmittedAtUtc).ThenBy(r => r.Id),
            _ => requests.OrderBy(r => r.SubmittedAtUtc).ThenBy(r => r.Id),
        };
        var pageSize = Math.Clamp(query.PageSize, 1, 100);
        var rows = await requests.Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new RequestQueueResult(rows.Select(r => new RequestQueueRow(r.Type, r.Id, r.Reference, r.OrganizationName, r.LegalName, r.Status,
            r.AssignedToUserId, r.AssignedToName, r.SubmittedAtUtc, r.ResponseDueAtUtc, BaaRules.IsOverdue(r.Status, r.ResponseDueAtUtc, now),
            BusinessDays.Between(r.SubmittedAtUtc, now),
            r.FirstResponseAtUtc is { } first ? BusinessDays.Between(r.SubmittedAtUtc, first) : null)).ToList(), total);
    }

    /// <summary>Assigns the rows to the signed-in reviewer, each type through the shared workflow; rows that cannot be assigned are named.</summary>
    public async Task<BaaResult> AssignToMeAsync(IReadOnlyCollection<RequestQueueRow> rows)
    {
        var refused = new List<string>();
        foreach (var group in rows.GroupBy(r => r.Type))
        {
            var ids = group.Select(r => r.Id).ToList();
            var result = group.Key == RequestType.Baa ? await baaReview.AssignToMeAsync(ids) : await retentionReview.AssignToMeAsync(ids);
            if (!result.Succeeded)
            {
                refused.Add(result.Message);
            }
        }
        return refused.Count == 0 ? BaaResult.Ok(rows.First().Id) : BaaResult.Invalid(string.Join(" ", refused));
    }

    /// <summary>Both tables, or one, projected onto the shared columns.</summary>
    private static IQueryable<RequestQueueItem> Items(AppDbContext db, RequestType? type)
    {
        var baa = db.BaaRequests.AsNoTracking().Select(r => new RequestQueueItem
        {
            Type = RequestType.Baa, Id = r.Id, Reference = r.Reference, OrganizationId = r.OrganizationId,
            OrganizationName = r.Organization!.Name, LegalName = r.Customer.LegalName, Status = r.Status, AssignedToUserId = r.AssignedToUserId,
            AssignedToName = r.AssignedToName, SubmittedAtUtc = r.SubmittedAtUtc, ResponseDueAtUtc = r.ResponseDueAtUtc, FirstResponseAtUtc = r.FirstResponseAtUtc,
        });
        var retention = db.DataRetentionRequests.AsNoTracking().Select(r => new RequestQueueItem
        {
            Type = RequestType.DataRetention, Id = r.Id, Reference = r.Reference, OrganizationId = r.OrganizationId,
            OrganizationName = r.Organization!.Name, LegalName = r.Customer.LegalName, Status = r.Status, AssignedToUserId = r.AssignedToUserId,
            AssignedToName = r.AssignedToName, SubmittedAtUtc = r.SubmittedAtUtc, ResponseDueAtUtc = r.ResponseDueAtUtc, FirstResponseAtUtc = r.FirstResponseAtUtc,
        });
        return type switch
        {
            RequestType.Baa => baa,
            RequestType.DataRetention => retention,
            _ => baa.Concat(retention),
        };
    }
}
