using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Features.Email;

/// <summary>Delivers due outbox messages, retrying with exponential back-off until MaxAttempts.</summary>
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
            .Where(m => m.SentAtUtc == null && m.FailedAtUtc == null && m.NextAttemptAtUtc <= now)
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
                if (message.Attempts >= options.Value.MaxAttempts)
                {
                    message.FailedAtUtc = clock.GetUtcNow().UtcDateTime;
                    logger.LogError(ex, "Gave up delivering email {MessageId} after {Attempts} attempts.", message.Id, message.Attempts);
                }
                else
                {
                    message.NextAttemptAtUtc = clock.GetUtcNow().UtcDateTime + Backoff(message.Attempts);
                    logger.LogWarning("Email {MessageId} attempt {Attempts} failed: {Error}", message.Id, message.Attempts, ex.Message);
                }
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        return delivered;
    }

    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, 5 * Math.Pow(2, attempts - 1)));

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
