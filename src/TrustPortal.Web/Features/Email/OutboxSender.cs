using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using TrustPortal.Web.Data;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Features.Email;

/// <summary>
/// Delivers due outbox messages. A failed attempt is retried with a capped back-off for Email:GiveUpAfter (days, so an
/// SMTP outage loses nothing); only then is the message marked Undelivered, kept for an Admin to retry. Every instance
/// runs a sender; each message is claimed with a lease in the database before it is sent, so only one sends it, and a
/// message whose sender died is sent by another once the lease (Email:SendLease) runs out.
/// </summary>
public sealed class OutboxSender(
    IDbContextFactory<AppDbContext> dbFactory,
    IMailTransport transport,
    OutboxSignal signal,
    IOptions<EmailOptions> options,
    TimeProvider clock,
    ILogger<OutboxSender> logger) : BackgroundService
{
    private const int BatchSize = 50;

    // Sent marks are committed together, at most this long after the first of them: a crash re-sends at most this much
    // mail (with the same Message-ID, which receivers use to drop duplicates).
    private static readonly TimeSpan CommitEvery = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DeliverDueAsync(stoppingToken);
                if (await signal.WaitAsync(options.Value.PollInterval, stoppingToken) && options.Value.BatchWindow > TimeSpan.Zero)
                {
                    await Task.Delay(options.Value.BatchWindow, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The outbox sender failed; it will try again.");
                await Task.Delay(options.Value.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>Sends every message that is due now; returns how many were delivered.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.OutboxMessages
            .Where(m => m.SentAtUtc == null && m.UndeliveredAtUtc == null && m.NextAttemptAtUtc <= now)
            .Where(m => m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now)
            .OrderBy(m => m.NextAttemptAtUtc)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var (claimed, leaseEnds) = await ClaimAsync(db, due.Select(m => m.Id).ToList(), cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }
        // The lease covers the whole batch; stop well before it ends, so a slow server never lets another sender take
        // a message this one is still sending. What is left goes with the next batch, here or elsewhere.
        var stopAt = leaseEnds - options.Value.SendLease / 4;
        await using var batch = await transport.OpenBatchAsync(cancellationToken);
        long? unsavedSince = null;
        foreach (var message in due)
        {
            if (claimed.Contains(message.Id) && clock.GetUtcNow().UtcDateTime >= stopAt)
            {
                claimed.Clear();
            }
            if (!claimed.Contains(message.Id))
            {
                // Another instance's sender took it first, or this batch ran out of lease time.
                db.Entry(message).State = EntityState.Detached;
                continue;
            }
            message.Attempts++;
            // The lease ends with this attempt; the values loaded before the claim were already null, so mark them.
            var entry = db.Entry(message);
            entry.Property(m => m.ClaimedBy).IsModified = true;
            entry.Property(m => m.ClaimedUntilUtc).IsModified = true;
            try
            {
                await batch.SendAsync(ToMime(message), cancellationToken);
                message.SentAtUtc = clock.GetUtcNow().UtcDateTime;
                message.LastError = null;
                delivered++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                message.LastError = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
                var failedAt = clock.GetUtcNow().UtcDateTime;
                if (ShouldGiveUp(message, failedAt, options.Value.GiveUpAfter))
                {
                    message.UndeliveredAtUtc = failedAt;
                    logger.LogError(ex, "Email {MessageId} is undelivered after {Attempts} attempts since {Since:u}; an Admin can retry it.",
                        message.Id, message.Attempts, message.RequeuedAtUtc ?? message.CreatedAtUtc);
                }
                else
                {
                    message.NextAttemptAtUtc = failedAt + Backoff(message.Attempts);
                    logger.LogWarning("Email {MessageId} attempt {Attempts} failed: {Error}", message.Id, message.Attempts, ex.Message);
                }
            }
            unsavedSince ??= System.Diagnostics.Stopwatch.GetTimestamp();
            if (System.Diagnostics.Stopwatch.GetElapsedTime(unsavedSince.Value) >= CommitEvery)
            {
                await db.SaveChangesAsync(cancellationToken);
                unsavedSince = null;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return delivered;
    }

    private async Task<(HashSet<Guid> Claimed, DateTime LeaseEnds)> ClaimAsync(AppDbContext db, List<Guid> ids, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + options.Value.SendLease;
        var claimed = await Leases.ClaimAsync(db.OutboxMessages.Where(m => m.SentAtUtc == null && m.UndeliveredAtUtc == null), ids, now, until, cancellationToken);
        return (claimed, until);
    }

    /// <summary>The wait after the given number of failed attempts: one minute, doubling, at most an hour.</summary>
    public static TimeSpan Backoff(int attempts) =>
        attempts <= 1 ? TimeSpan.FromMinutes(1) : TimeSpan.FromMinutes(Math.Min(60, 1 << Math.Min(attempts - 1, 6)));

    /// <summary>Retrying stops only when the retry period (from queueing, or from an Admin's retry) has run out.</summary>
    public static bool ShouldGiveUp(OutboxMessage message, DateTime failedAtUtc, TimeSpan giveUpAfter) =>
        failedAtUtc - (message.RequeuedAtUtc ?? message.CreatedAtUtc) >= giveUpAfter;

    private MimeMessage ToMime(OutboxMessage message)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(options.Value.FromName, options.Value.FromAddress));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        // A stable Message-ID lets receivers drop a duplicate if a crash repeats a send.
        mime.MessageId = $"{message.Id:N}@{options.Value.FromAddress.Split('@').Last()}";
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }
}
