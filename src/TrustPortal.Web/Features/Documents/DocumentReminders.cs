using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Email;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Features.Documents;

/// <summary>
/// The library's two reminders: a document's owner, before the document lapses; an account's owner, a week after the
/// company's first download ("has their review finished?"). Each is sent once: the row is claimed by a conditional
/// update in the same transaction as the email, so several instances never send it twice.
/// </summary>
public sealed class DocumentReminders(
    IDbContextFactory<AppDbContext> dbFactory,
    EmailOutbox outbox,
    PublicUrls urls,
    IOptions<DocumentOptions> options,
    TimeProvider clock,
    ILogger<DocumentReminders> logger)
{
    /// <summary>Sends what is due now; returns how many reminders went out.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default) =>
        await SendExpiryRemindersAsync(cancellationToken) + await SendReviewRemindersAsync(cancellationToken);

    private async Task<int> SendExpiryRemindersAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var horizon = DateOnly.FromDateTime(now).AddDays(options.Value.ExpiryReminderDays);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var due = await db.TrustDocuments.AsNoTracking()
            .Where(d => d.ArchivedAtUtc == null && d.ExpiryReminderSentAtUtc == null && d.ExpiresOn <= horizon)
            .Select(d => new { d.Id, d.Title, d.ExpiresOn, Owner = db.Users.Where(u => u.Id == d.OwnerUserId).Select(u => u.Email).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var document in due)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.TrustDocuments.Where(d => d.Id == document.Id && d.ExpiryReminderSentAtUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.ExpiryReminderSentAtUtc, now), cancellationToken);
            if (claimed == 1 && document.Owner is not null)
            {
                var date = document.ExpiresOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
                var lapsed = document.ExpiresOn <= DateOnly.FromDateTime(now);
                outbox.Enqueue(db, document.Owner, $"\"{document.Title}\" {(lapsed ? "has lapsed" : $"lapses on {date}")}",
                    $"Hello,\n\nYou own \"{document.Title}\" in the trust center's document library. It {(lapsed ? "lapsed" : "lapses")} on {date}. "
                    + "Upload its successor, or set a new date if it stays current:\n" + urls.Absolute("/admin/documents"));
                await db.SaveChangesAsync(cancellationToken);
                sent++;
            }
            await transaction.CommitAsync(cancellationToken);
        }
        return sent;
    }

    private async Task<int> SendReviewRemindersAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var before = now.AddDays(-options.Value.ReviewReminderDays);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // An account without an owner waits for one: the reminder goes out once somebody owns it.
        var due = await db.TrustAccounts.AsNoTracking()
            .Where(a => a.ReviewReminderSentAtUtc == null && a.FirstDownloadAtUtc <= before && a.OwnerUserId != null)
            .Select(a => new { a.Domain, a.FirstDownloadAtUtc, Owner = db.Users.Where(u => u.Id == a.OwnerUserId).Select(u => u.Email).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var account in due)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.TrustAccounts.Where(a => a.Domain == account.Domain && a.ReviewReminderSentAtUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.ReviewReminderSentAtUtc, now), cancellationToken);
            if (claimed == 1 && account.Owner is not null)
            {
                var date = account.FirstDownloadAtUtc.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
                outbox.Enqueue(db, account.Owner, $"Has {account.Domain} finished its security review?",
                    $"Hello,\n\nPeople at {account.Domain} first downloaded our trust center documents on {date}. It may be a good time to ask "
                    + "whether their security review has finished, or whether anything is missing.\n\nWhat they read:\n"
                    + urls.Absolute("/sales/accounts?domain=" + Uri.EscapeDataString(account.Domain)));
                await db.SaveChangesAsync(cancellationToken);
                sent++;
            }
            await transaction.CommitAsync(cancellationToken);
        }
        if (sent > 0)
        {
            logger.LogInformation("Sent {Count} account review reminders.", sent);
        }
        return sent;
    }
}

/// <summary>Runs <see cref="DocumentReminders"/> every <see cref="Interval"/>.</summary>
public sealed class DocumentReminderSchedule(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DocumentReminderSchedule> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DocumentReminders>().SendDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Sending document reminders failed; it will try again.");
            }
            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
