using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TrustPortal.Web.Features.TrustCenter.Admin;

/// <summary>
/// Published commitments are evidence (agreements freeze their hash), so no unit of work anywhere in the portal may
/// modify or delete a <see cref="ContentVersion"/> or <see cref="ContentSection"/>: only inserts pass.
/// </summary>
public sealed class PublishedContentGuard : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        EnsureAppendOnly(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        EnsureAppendOnly(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public static void EnsureAppendOnly(DbContext? db)
    {
        if (db is null)
        {
            return;
        }
        var changed = db.ChangeTracker.Entries()
            .Where(e => e.Entity is ContentVersion or ContentSection && e.State is EntityState.Modified or EntityState.Deleted)
            .Select(e => $"{e.Entity.GetType().Name} ({e.State})")
            .ToList();
        if (changed.Count > 0)
        {
            throw new InvalidOperationException(
                $"Published commitments are immutable; publish a new version instead. Refused: {string.Join(", ", changed)}.");
        }
    }
}
