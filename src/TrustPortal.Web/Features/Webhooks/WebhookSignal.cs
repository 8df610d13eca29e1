using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TrustPortal.Web.Features.Webhooks;

/// <summary>
/// Wakes this instance's <see cref="WebhookSender"/> when a unit of work that raised webhook events is saved, so a
/// receiver hears of a change within moments instead of at the sender's next poll. Only speed depends on it: events
/// raised on other instances, or saved while the sender was busy, are found by the poll (Webhooks:PollInterval).
/// </summary>
public sealed class WebhookSignal : SaveChangesInterceptor, IDisposable
{
    private readonly SemaphoreSlim signal = new(0, 1);
    private readonly ConditionalWeakTable<DbContext, object> raising = [];

    /// <summary>Waits until events were saved here, or <paramref name="timeout"/> passed; true when woken by events.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Wake(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Wake(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void Dispose() => signal.Dispose();

    // Before saving, the added events are still in the change tracker; afterwards they are not "added" any more. Events
    // are added with Add, which marks them at once, so the look needs no extra scan of every tracked entity.
    private void Note(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            if (tracker.Entries<WebhookEvent>().Any(e => e.State == EntityState.Added))
            {
                raising.AddOrUpdate(context, this);
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    private void Wake(DbContext? context)
    {
        if (context is not null && raising.Remove(context) && signal.CurrentCount == 0)
        {
            try { signal.Release(); } catch (SemaphoreFullException) { /* already signalled */ }
        }
    }
}
