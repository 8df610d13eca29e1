using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Webhooks;

/// <summary>An endpoint's messages with their attempts, and resend: the same message (same webhook-id) tried again now.</summary>
public sealed class WebhookDeliveryLog(
    IDbContextFactory<AppDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    TimeProvider clock)
{
    public async Task<(List<WebhookMessageItem> Items, int Total)> GetPageAsync(Guid endpointId, WebhookMessageStatus? status, int page, int pageSize,
        CancellationToken cancellationToken = default)
    {
        await WebhookAccess.DemandAdminAsync(currentUser);
        pageSize = Math.Clamp(pageSize, 1, 200);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.WebhookMessages.AsNoTracking().Where(m => m.EndpointId == endpointId);
        if (status is { } wanted)
        {
            query = query.Where(m => m.Status == wanted);
        }
        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderByDescending(m => m.CreatedAtUtc).ThenByDescending(m => m.Id)
            .Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .Select(m => new WebhookMessageItem(m.Id, m.Event!.MessageId, m.Event.Type, m.Status, m.Attempts, m.LastStatusCode, m.LastError,
                m.CreatedAtUtc, m.NextAttemptAtUtc, m.DeliveredAtUtc, m.FailedAtUtc))
            .ToListAsync(cancellationToken);
        return (items, total);
    }

    public async Task<List<WebhookAttemptItem>> GetAttemptsAsync(Guid messageId, CancellationToken cancellationToken = default)
    {
        await WebhookAccess.DemandAdminAsync(currentUser);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.WebhookAttempts.AsNoTracking()
            .Where(a => a.MessageId == messageId)
            .OrderBy(a => a.AttemptedAtUtc)
            .Select(a => new WebhookAttemptItem(a.AttemptedAtUtc, a.StatusCode, a.Succeeded, a.Error, a.DurationMs))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The payload exactly as sent, for the Admin to inspect.</summary>
    public async Task<string?> GetPayloadAsync(Guid messageId, CancellationToken cancellationToken = default)
    {
        await WebhookAccess.DemandAdminAsync(currentUser);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.WebhookMessages.AsNoTracking().Where(m => m.Id == messageId).Select(m => m.Event!.Payload).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Sends the message again, now, with its webhook-id unchanged so the receiver can tell a repeat; it gets a fresh
    /// retry period. One conditional update: a message a sender holds right now is left alone.
    /// </summary>
    public async Task<Result> ResendAsync(Guid messageId)
    {
        if (!await currentUser.IsInRoleAsync(Roles.Admin))
        {
            return Result.Fail(WebhookAdmin.NotAdmin);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var message = await db.WebhookMessages.AsNoTracking().Where(m => m.Id == messageId)
            .Select(m => new { m.EndpointId, m.Status, m.Event!.MessageId, m.Event.Type }).SingleOrDefaultAsync();
        if (message is null)
        {
            return Result.Fail("This message no longer exists. Reload the log.");
        }
        var resent = await db.WebhookMessages
            .Where(m => m.Id == messageId && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, WebhookMessageStatus.Pending)
                .SetProperty(m => m.NextAttemptAtUtc, now)
                .SetProperty(m => m.RetryingSinceUtc, now)
                .SetProperty(m => m.FailedAtUtc, (DateTime?)null));
        if (resent == 0)
        {
            return Result.Fail("This message is being sent right now. Wait a moment and reload the log.");
        }
        audit.Record(db, await currentUser.GetActorAsync(), "webhook.message.resent", nameof(WebhookMessage), messageId.ToString(),
            new { webhookId = message.MessageId, message.Type, endpointId = message.EndpointId, previousStatus = message.Status.ToString() });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return Result.Ok();
    }
}
