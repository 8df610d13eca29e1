using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Features.Webhooks;

/// <summary>
/// Keeps the delivery log from growing without end: an event whose every message finished (delivered or failed) more
/// than Webhooks:KeepDeliveriesFor ago is deleted with its messages and their attempts (the foreign keys cascade). An
/// event with a message still waiting, or resent and finished recently, stays. Deleting is idempotent, so every
/// instance may run it; it goes in small batches, so the write lock is never held for long.
/// </summary>
public static class WebhookRetention
{
    private const int BatchSize = 200;

    /// <summary>Deletes what is past keeping at <paramref name="nowUtc"/>; returns how many events went.</summary>
    public static async Task<int> CleanUpAsync(AppDbContext db, DateTime nowUtc, TimeSpan keepFor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cutoff = nowUtc - keepFor;
        var deleted = 0;
        while (true)
        {
            var expired = await db.WebhookEvents.AsNoTracking()
                .Where(e => e.FannedOutAtUtc != null && e.OccurredAtUtc < cutoff)
                .Where(e => !db.WebhookMessages.Any(m => m.EventId == e.Id
                    && (m.Status == WebhookMessageStatus.Pending || (m.DeliveredAtUtc ?? m.FailedAtUtc ?? m.CreatedAtUtc) >= cutoff)))
                .OrderBy(e => e.OccurredAtUtc)
                .Select(e => e.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (expired.Count == 0)
            {
                return deleted;
            }
            deleted += await db.WebhookEvents.Where(e => expired.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken);
            if (expired.Count < BatchSize)
            {
                return deleted;
            }
        }
    }
}
