using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Features.Webhooks;

/// <summary>
/// Turns raised events into one message per enabled endpoint subscribed to the event's type. Each event is taken by one
/// conditional update inside the transaction that adds its messages, so with several senders exactly one fans it out.
/// An event nobody subscribes to is deleted: there is nothing to deliver.
/// </summary>
public static class WebhookFanOut
{
    private const int BatchSize = 100;

    public static async Task<int> RunAsync(AppDbContext db, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var events = await db.WebhookEvents.AsNoTracking()
            .Where(e => e.FannedOutAtUtc == null)
            .OrderBy(e => e.OccurredAtUtc)
            .Take(BatchSize)
            .Select(e => new { e.Id, e.Type })
            .ToListAsync(cancellationToken);
        if (events.Count == 0)
        {
            return 0;
        }
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.Enabled).ToListAsync(cancellationToken);
        // Events nobody subscribes to (all of them, on a portal without endpoints) go in one statement, not one commit each.
        var unwanted = events.Where(raised => !endpoints.Any(e => e.Subscribes(raised.Type))).Select(raised => raised.Id).ToList();
        if (unwanted.Count > 0)
        {
            await db.WebhookEvents.Where(e => unwanted.Contains(e.Id) && e.FannedOutAtUtc == null).ExecuteDeleteAsync(cancellationToken);
        }
        var messages = 0;
        foreach (var raised in events.Where(raised => !unwanted.Contains(raised.Id)))
        {
            var subscribers = endpoints.Where(e => e.Subscribes(raised.Type)).ToList();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var pending = db.WebhookEvents.Where(e => e.Id == raised.Id && e.FannedOutAtUtc == null);
            if (await pending.ExecuteUpdateAsync(s => s.SetProperty(e => e.FannedOutAtUtc, nowUtc), cancellationToken) == 0)
            {
                continue; // another sender took it
            }
            db.WebhookMessages.AddRange(subscribers.Select(endpoint => WebhookMessage.Pending(endpoint.Id, raised.Id, nowUtc)));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            messages += subscribers.Count;
        }
        return messages;
    }
}
