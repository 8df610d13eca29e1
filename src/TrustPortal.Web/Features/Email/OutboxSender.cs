using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Features.Email;

/// <summary>
/// Delivers due outbox messages. A failed attempt is retried with a capped back-off for Email:GiveUpAfter (days, so an
/// SMTP outage loses nothing); only then is the message marked Undelivered, kept for an Admin to retry.
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DeliverDueAsync(stoppingToken);
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
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
            .OrderBy(m => m.NextAttemptAtUtc)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);

        foreach (var message in due)
        {
            message.Attempts++;
            try
            {
                await transport.SendAsync(ToMime(message), cancellationToken);
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
            await db.SaveChangesAsync(cancellationToken);
        }
        return delivered;
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
