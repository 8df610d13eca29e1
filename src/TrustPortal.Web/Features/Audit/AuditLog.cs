using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Audit;

/// <summary>Reads the audit trail for staff, a page at a time, newest first.</summary>
public sealed class AuditLog(IDbContextFactory<AppDbContext> dbFactory, CurrentUser currentUser)
{
    public async Task<(List<AuditEvent> Items, int Total)> GetPageAsync(int page, int pageSize, string? search, CancellationToken cancellationToken = default)
    {
        if (!await currentUser.IsInRoleAsync(Roles.Legal) && !await currentUser.IsInRoleAsync(Roles.Admin))
        {
            throw new UnauthorizedAccessException("Only Legal and Admin can read the audit trail.");
        }
        pageSize = Math.Clamp(pageSize, 1, 200);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            query = query.Where(e => e.Action.Contains(term) || e.ActorName.Contains(term) || e.EntityType.Contains(term) || e.EntityId.Contains(term));
        }
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(e => e.Sequence).Skip(Math.Max(0, page) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return (items, total);
    }
}
