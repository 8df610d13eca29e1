using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Features.Webhooks;

/// <summary>
/// Delivers webhooks from the outbox. Every instance runs one; each message is claimed with a lease in the database
/// before it is sent (see <see cref="Leases"/>), so one sender sends it, and a message whose sender died is sent by
/// another once the lease runs out. Failed attempts are retried with back-off (<see cref="WebhookRetries"/>) for
/// Webhooks:RetryFor; deliveries to one batch's receivers run side by side, so one slow receiver does not hold up the rest.
/// </summary>
public sealed class WebhookSender(
    IDbContextFactory<AppDbContext> dbFactory,
    WebhookDelivery delivery,
    WebhookEndpointHealth health,
    WebhookSignal signal,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookSender> logger) : BackgroundService
{
    private const int BatchSize = 50;
    private const int ParallelDeliveries = 8;

    // Events are saved before the transaction that holds them commits: a moment's wait after a wake-up finds them committed.
    private static readonly TimeSpan AfterWakeUp = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan CleanUpEvery = TimeSpan.FromHours(1);

    // When this instance next deletes old deliveries; only how often it tries, never what is right to delete.
    private DateTime nextCleanUpUtc = DateTime.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The webhook sender failed; it will try again.");
            }
            try
            {
                if (await signal.WaitAsync(options.Value.PollInterval, stoppingToken))
                {
                    await Task.Delay(AfterWakeUp, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Fans out new events, then sends every message due now; about once an hour, deletes deliveries past keeping first
    /// (<see cref="WebhookRetention"/>). Returns how many messages were delivered.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (now >= nextCleanUpUtc)
            {
                nextCleanUpUtc = now + CleanUpEvery;
                var deleted = await WebhookRetention.CleanUpAsync(db, now, options.Value.KeepDeliveriesFor, cancellationToken);
                if (deleted > 0)
                {
                    logger.LogInformation("Deleted {Count} webhook events delivered more than {Days} days ago, with their messages and attempts.",
                        deleted, options.Value.KeepDeliveriesFor.TotalDays);
                }
            }
            await WebhookFanOut.RunAsync(db, now, cancellationToken);
        }
        return await DeliverDueAsync(cancellationToken);
    }

    private async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.WebhookMessages.AsNoTracking()
            .Where(m => m.Status == WebhookMessageStatus.Pending && m.NextAttemptAtUtc <= now && m.Endpoint!.Enabled)
            .Where(m => m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now)
            .OrderBy(m => m.NextAttemptAtUtc)
            .Take(BatchSize)
            .Select(m => new DueMessage(m.Id, m.EndpointId, m.Endpoint!.Url, m.Endpoint.Secret, m.Event!.MessageId, m.Event.Payload))
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }
        var until = now + options.Value.SendLease;
        var claimed = await Leases.ClaimAsync(db.WebhookMessages.Where(m => m.Status == WebhookMessageStatus.Pending), due.Select(m => m.Id).ToList(),
            now, until, cancellationToken);
        // Stop starting deliveries well before the lease ends, so another sender never takes a message in flight.
        var stopAt = until - options.Value.SendLease / 4;
        var delivered = 0;
        await Parallel.ForEachAsync(due.Where(m => claimed.Contains(m.Id)),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelDeliveries, CancellationToken = cancellationToken },
            async (message, token) =>
            {
                if (clock.GetUtcNow().UtcDateTime >= stopAt)
                {
                    await ReleaseAsync(message.Id, token);
                    return;
                }
                var outcome = await delivery.PostAsync(message.Url, message.Secret, message.WebhookId, message.Payload, token);
                await RecordAsync(message, outcome, token);
                if (outcome.Succeeded)
                {
                    Interlocked.Increment(ref delivered);
                }
            });
        return delivered;
    }

    /// <summary>Stores the attempt, moves the message on (delivered, retry later, or failed) and ends its lease, in one save.</summary>
    private async Task RecordAsync(DueMessage due, WebhookAttemptOutcome outcome, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var message = await db.WebhookMessages.SingleOrDefaultAsync(m => m.Id == due.Id, cancellationToken);
        if (message is null)
        {
            return; // the endpoint was removed while this attempt was under way
        }
        var now = clock.GetUtcNow().UtcDateTime;
        message.Attempts++;
        message.LastStatusCode = outcome.StatusCode;
        message.LastError = Truncate(outcome.Error);
        message.ClaimedBy = null;
        message.ClaimedUntilUtc = null;
        db.WebhookAttempts.Add(new WebhookAttempt
        {
            MessageId = message.Id, AttemptedAtUtc = now, StatusCode = outcome.StatusCode, Succeeded = outcome.Succeeded,
            Error = Truncate(outcome.Error), DurationMs = outcome.DurationMs,
        });
        if (outcome.Succeeded)
        {
            message.Status = WebhookMessageStatus.Delivered;
            message.DeliveredAtUtc = now;
            await health.SucceededAsync(db, due.EndpointId, now, cancellationToken);
        }
        else
        {
            var next = WebhookRetries.Next(now, message.Attempts, message.RetryingSinceUtc, options.Value.RetryFor, Random.Shared.NextDouble());
            if (next is { } at)
            {
                message.NextAttemptAtUtc = at;
            }
            else
            {
                message.Status = WebhookMessageStatus.Failed;
                message.FailedAtUtc = now;
                logger.LogWarning("Webhook {WebhookId} to {Url} failed after {Attempts} attempts: {Error}", due.WebhookId, due.Url, message.Attempts, outcome.Error);
            }
            await health.FailedAsync(db, due.EndpointId, now, gaveUp: next is null, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task ReleaseAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.WebhookMessages.Where(m => m.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null), cancellationToken);
    }

    private static string? Truncate(string? error) =>
        error is { Length: > WebhookAttempt.ErrorMaxLength } ? error[..WebhookAttempt.ErrorMaxLength] : error;

    private sealed record DueMessage(Guid Id, Guid EndpointId, string Url, string Secret, string WebhookId, string Payload);
}
