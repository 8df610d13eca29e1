using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Audit;

/// <summary>Reads the audit trail for staff, a page at a time, newest first.</summary>
public sealed class AuditLog(IDbContextFactory<AppDbContext> dbFactory, CurrentUser currentUser)
{
    public async Task<(List<AuditRow> Items, int Total)> GetPageAsync(int page, int pageSize, AuditFilter filter, CancellationToken cancellationToken = default)
    {
        if (!await currentUser.IsInRoleAsync(Roles.Legal) && !await currentUser.IsInRoleAsync(Roles.Admin))
        {
            throw new UnauthorizedAccessException("Only Legal and Admin can read the audit trail.");
        }
        pageSize = Math.Clamp(pageSize, 1, 200);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var referenced = string.IsNullOrWhiteSpace(filter.Search) ? null : await AuditReferences.MatchingIdsAsync(db, filter.Search, cancellationToken);
        var query = Filter(db.AuditEvents.AsNoTracking(), filter, referenced);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(e => e.Sequence).Skip(Math.Max(0, page) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var references = await AuditReferences.ResolveAsync(db, items, cancellationToken);
        return (items.Select(e => new AuditRow(e, references.GetValueOrDefault((e.EntityType, e.EntityId)))).ToList(), total);
    }

    /// <summary>The events a filter selects, in SQL: every criterion narrows the query in the database.</summary>
    /// <param name="referencedIds">Entity ids whose human reference matches the search (see <see cref="AuditReferences.MatchingIdsAsync"/>).</param>
    internal static IQueryable<AuditEvent> Filter(IQueryable<AuditEvent> query, AuditFilter filter, IReadOnlyCollection<string>? referencedIds = null)
    {
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = SearchPattern.Contains(filter.Search);
            var ids = referencedIds ?? [];
            query = query.Where(e => SearchText.Like(e.Action, pattern) || SearchText.Like(e.ActorName, pattern)
                || SearchText.Like(e.EntityType, pattern) || SearchText.Like(e.EntityId, pattern)
                || ids.Contains(e.EntityId));
        }
        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            query = query.Where(e => e.EntityType == filter.EntityType);
        }
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var actor = SearchPattern.Contains(filter.Actor);
            query = query.Where(e => SearchText.Like(e.ActorName, actor));
        }
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            // Actions are dotted names; a prefix such as "baa." selects a whole family.
            var action = filter.Action.Trim();
            query = query.Where(e => e.Action.StartsWith(action));
        }
        if (filter.FromUtc is { } from)
        {
            query = query.Where(e => e.OccurredAtUtc >= from);
        }
        if (filter.ToUtc is { } to)
        {
            query = query.Where(e => e.OccurredAtUtc < to);
        }
        return query;
    }
}

/// <summary>An event with the human reference of what it is about (agreement number, BAA request, organization), when known.</summary>
public sealed record AuditRow(AuditEvent Event, string? Reference);

/// <summary>What to show of the audit trail: free text, entity type, actor, action (or prefix) and a UTC date range.</summary>
public sealed record AuditFilter(string? Search = null, string? EntityType = null, string? Actor = null, string? Action = null, DateTime? FromUtc = null, DateTime? ToUtc = null)
{
    public static readonly IReadOnlyList<string> EntityTypes =
        ["Agreement", "AgreementTemplate", "ApiToken", "Attestation", "AuditAnchor", "BaaRequest", "ContentVersion", "NdaAcceptance", "Organization", "OutboxMessage",
         "SealingCertificate", "SignatureRequest", "Soc2Report", "User"];
}
