using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Email;

/// <summary>
/// The outbox as Admins see it: mail that failed at least once and is still unsent, and "Retry now". Every retry is
/// one conditional UPDATE, so it stays correct with several senders on one database.
/// </summary>
public sealed class MailDelivery(
    IDbContextFactory<AppDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    OutboxSignal signal,
    IOptions<EmailOptions> options,
    TimeProvider clock)
{
    public const string EntityType = nameof(OutboxMessage);
    private const string NotAdmin = "Only administrators can see and retry undelivered mail.";

    public async Task<(List<MailDeliveryItem> Items, int Total)> GetPageAsync(int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await DemandAdminAsync();
        pageSize = Math.Clamp(pageSize, 1, 200);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Troubled(db.OutboxMessages.AsNoTracking());
        var total = await query.CountAsync(cancellationToken);
        var items = await query
            // Undelivered first (nothing will happen to those without an Admin), then the longest waiting.
            .OrderBy(m => m.UndeliveredAtUtc == null).ThenBy(m => m.CreatedAtUtc).ThenBy(m => m.Id)
            .Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .Select(m => new MailDeliveryItem(m.Id, m.To, m.Subject, m.Attempts, m.LastError, m.CreatedAtUtc, m.NextAttemptAtUtc, m.UndeliveredAtUtc))
            .ToListAsync(cancellationToken);
        return (items, total);
    }

    public async Task<MailDeliverySummary> GetSummaryAsync(CancellationToken cancellationToken = default)
    {
        await DemandAdminAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var undelivered = await db.OutboxMessages.CountAsync(m => m.SentAtUtc == null && m.UndeliveredAtUtc != null, cancellationToken);
        var retrying = await db.OutboxMessages.CountAsync(m => m.SentAtUtc == null && m.UndeliveredAtUtc == null && m.Attempts > 0, cancellationToken);
        return new MailDeliverySummary(undelivered, retrying, options.Value.GiveUpAfter);
    }

    /// <summary>Attempts one message now; an Undelivered one is retried for another full period.</summary>
    public async Task<Result> RetryAsync(Guid id)
    {
        if (!await currentUser.IsInRoleAsync(Roles.Admin))
        {
            return Result.Fail(NotAdmin);
        }
        var actor = await currentUser.GetActorAsync();
        await using var db = await dbFactory.CreateDbContextAsync();
        var message = await Troubled(db.OutboxMessages.AsNoTracking()).Where(m => m.Id == id)
            .Select(m => new { m.To, m.Subject, m.Attempts, m.UndeliveredAtUtc }).SingleOrDefaultAsync();
        if (message is null)
        {
            return Result.Fail("This email has been delivered in the meantime or is no longer waiting. Reload the list.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        var retried = await Requeue(db.OutboxMessages.Where(m => m.Id == id && m.SentAtUtc == null), clock.GetUtcNow().UtcDateTime);
        if (retried == 0)
        {
            return Result.Fail("This email has just been delivered. Reload the list.");
        }
        audit.Record(db, actor, "email.retried", EntityType, id.ToString(),
            new { message.To, message.Subject, message.Attempts, WasUndelivered = message.UndeliveredAtUtc is not null });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        signal.Notify();
        return Result.Ok();
    }

    /// <summary>Attempts every unsent message that has failed at least once, now.</summary>
    public async Task<Result> RetryAllAsync()
    {
        if (!await currentUser.IsInRoleAsync(Roles.Admin))
        {
            return Result.Fail(NotAdmin);
        }
        var actor = await currentUser.GetActorAsync();
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var retried = await Requeue(Troubled(db.OutboxMessages), clock.GetUtcNow().UtcDateTime);
        if (retried == 0)
        {
            return Result.Fail("Nothing is waiting: every email has been delivered.");
        }
        audit.Record(db, actor, "email.retried-all", EntityType, "all", new { Count = retried });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        signal.Notify();
        return Result.Ok();
    }

    /// <summary>Unsent mail that needs an eye: it failed at least once, or it is Undelivered.</summary>
    internal static IQueryable<OutboxMessage> Troubled(IQueryable<OutboxMessage> messages) =>
        messages.Where(m => m.SentAtUtc == null && (m.UndeliveredAtUtc != null || m.Attempts > 0));

    // One UPDATE: an Undelivered message gets a new retry period from now; every message is due at once.
    private static Task<int> Requeue(IQueryable<OutboxMessage> messages, DateTime now) =>
        messages.ExecuteUpdateAsync(s => s
            .SetProperty(m => m.RequeuedAtUtc, m => m.UndeliveredAtUtc != null ? now : m.RequeuedAtUtc)
            .SetProperty(m => m.UndeliveredAtUtc, (DateTime?)null)
            .SetProperty(m => m.NextAttemptAtUtc, now));

    private async Task DemandAdminAsync()
    {
        if (!await currentUser.IsInRoleAsync(Roles.Admin))
        {
            throw new UnauthorizedAccessException(NotAdmin);
        }
    }
}

public sealed record MailDeliveryItem(
    Guid Id, string To, string Subject, int Attempts, string? LastError, DateTime CreatedAtUtc, DateTime NextAttemptAtUtc, DateTime? UndeliveredAtUtc)
{
    public OutboxStatus Status => UndeliveredAtUtc is null ? OutboxStatus.Retrying : OutboxStatus.Undelivered;
}

public sealed record MailDeliverySummary(int Undelivered, int Retrying, TimeSpan GiveUpAfter);
