using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.Webhooks;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Baa;

/// <summary>
/// Sales' side of every reviewed request type: assignment (to a member of Sales, by user id), questions, approval or
/// rejection with a reason, and the checklist. Every change names the version the reviewer saw, moves only along
/// <see cref="BaaWorkflow"/>, is audited and tells the customer what they need to know.
/// </summary>
public sealed class RequestReviewWorkflow<TRequest, TMessage>(
    IDbContextFactory<AppDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    BaaNotifications notify,
    RequestKind<TRequest, TMessage> kind,
    TimeProvider clock)
    where TRequest : ReviewedRequest where TMessage : RequestMessage, new()
{
    public Task<bool> IsReviewerAsync() => currentUser.IsInRoleAsync(Roles.Sales);

    /// <summary>The request and its conversation for a reviewer, or null for anyone else and for unknown ids.</summary>
    public async Task<(TRequest Request, List<BaaConversationEntry> Conversation)?> LoadAsync(AppDbContext db, Guid id)
    {
        if (!await IsReviewerAsync())
        {
            return null;
        }
        var request = await db.Set<TRequest>().AsNoTracking().Include(r => r.Organization).FirstOrDefaultAsync(r => r.Id == id);
        return request is null ? null : (request, await RequestThreads.ConversationAsync<TMessage>(db, id));
    }

    /// <summary>Adds an internal note for the other reviewers, at any status.</summary>
    public async Task<BaaResult> AddNoteAsync<TNote>(Guid id, string? text) where TNote : RequestNote, new()
    {
        if (BaaRules.ValidateText(text, "a note") is { } error)
        {
            return BaaResult.Invalid(new ValidationResult(error, ["Note"]));
        }
        if (!await IsReviewerAsync())
        {
            return BaaResult.Invalid("Only Sales can add notes.");
        }
        var me = await currentUser.GetAsync();
        await using var db = await dbFactory.CreateDbContextAsync();
        if (!await db.Set<TRequest>().AnyAsync(r => r.Id == id))
        {
            return BaaResult.Invalid("This request does not exist.");
        }
        db.Set<TNote>().Add(new TNote { RequestId = id, AuthorName = me!.DisplayName, Text = text!.Trim(), CreatedAtUtc = clock.GetUtcNow().UtcDateTime });
        await audit.RecordAsync(db, $"{kind.AuditPrefix}.note.added", typeof(TRequest).Name, id.ToString());
        await db.SaveChangesAsync();
        return BaaResult.Ok(id);
    }

    /// <summary>Assigns the request to a member of Sales, named by user id; anyone else is refused.</summary>
    public async Task<BaaResult> AssignAsync(Guid id, Guid version, string userId)
    {
        if (!await IsReviewerAsync())
        {
            return BaaResult.Invalid($"Only Sales can review {kind.Plural}.");
        }
        string? name;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            name = await db.Users.AsNoTracking()
                .Where(u => u.Id == userId && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Sales)))
                .Select(u => u.DisplayName).FirstOrDefaultAsync();
        }
        if (name is null)
        {
            return BaaResult.Invalid(new ValidationResult("Assign the request to a member of Sales.", ["Assignee"]));
        }
        return await DecideAsync(id, version, BaaAction.Assign, "assigned", request =>
        {
            request.AssignedToUserId = userId;
            request.AssignedToName = name;
            return null;
        });
    }

    public async Task<BaaResult> AssignToMeAsync(Guid id, Guid version) =>
        await currentUser.GetUserIdAsync() is { } me ? await AssignAsync(id, version, me) : BaaResult.Invalid("Sign in again.");

    /// <summary>Assigns one or more requests to the signed-in reviewer; a request that cannot be assigned is skipped and named.</summary>
    public async Task<BaaResult> AssignToMeAsync(IReadOnlyCollection<Guid> ids)
    {
        if (!await IsReviewerAsync())
        {
            return BaaResult.Invalid($"Only Sales can assign {kind.Plural}.");
        }
        if (ids.Count is 0 or > 100)
        {
            return BaaResult.Invalid("Choose between 1 and 100 requests to assign.");
        }
        var me = await currentUser.GetAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync();
        var requests = await db.Set<TRequest>().Where(r => ids.Contains(r.Id)).ToListAsync();
        var skipped = new List<string>();
        foreach (var request in requests)
        {
            if (BaaWorkflow.Next(request.Status, BaaAction.Assign) is not { } next)
            {
                skipped.Add(kind.Ref(request.Reference));
                continue;
            }
            request.AssignedToUserId = me!.Id;
            request.AssignedToName = me.DisplayName;
            request.FirstResponseAtUtc ??= now;
            request.Move(next, now);
            await audit.RecordAsync(db, $"{kind.AuditPrefix}.assigned", typeof(TRequest).Name, request.Id.ToString(),
                new { reference = kind.Ref(request.Reference), assignee = me.Email });
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return BaaResult.Conflicted();
        }
        return skipped.Count == 0 ? BaaResult.Ok(ids.First()) : BaaResult.Invalid($"Not assigned (already decided): {string.Join(", ", skipped)}.");
    }

    /// <summary>Saves reviewer-only fields such as the checklist while the request is still with Sales or the customer's answer.</summary>
    public Task<BaaResult> UpdateAsync(Guid id, Guid version, string auditAction, Action<TRequest> apply) =>
        DecideAsync(id, version, action: null, auditAction, request =>
        {
            apply(request);
            return null;
        });

    public Task<BaaResult> ApproveAsync(Guid id, Guid version) =>
        DecideAsync(id, version, BaaAction.Approve, "approved", kind.ApprovalRefusal,
            (db, request) => ToCustomer(db, request, kind.Approved(request, notify.Absolute(kind.CustomerPath(request.Id)))));

    public Task<BaaResult> RejectAsync(Guid id, Guid version, string? reason)
    {
        var error = BaaRules.ValidateText(reason, "the reason");
        return error is not null
            ? Task.FromResult(BaaResult.Invalid(new ValidationResult(error, ["Reason"])))
            : DecideAsync(id, version, BaaAction.Reject, "rejected", request =>
            {
                request.DecisionReason = reason!.Trim();
                return null;
            }, (db, request) => ToCustomer(db, request, kind.Rejected(request, notify.Absolute(kind.CustomerPath(request.Id)))));
    }

    public async Task<BaaResult> RequestInformationAsync(Guid id, Guid version, string? question)
    {
        if (BaaRules.ValidateText(question, "your question") is { } error)
        {
            return BaaResult.Invalid(new ValidationResult(error, ["Question"]));
        }
        var me = await currentUser.GetAsync();
        return await DecideAsync(id, version, BaaAction.RequestInformation, "information-requested", _ => null, (db, request) =>
        {
            db.Set<TMessage>().Add(new TMessage { RequestId = id, FromCustomer = false, AuthorName = me!.DisplayName, Text = question!.Trim(), CreatedAtUtc = request.UpdatedAtUtc });
            ToCustomer(db, request, kind.Question(request, question.Trim(), notify.Absolute(kind.CustomerPath(request.Id))));
        });
    }

    /// <summary>
    /// One reviewer action: checks the role, loads the version the reviewer saw, applies the move (or, with no action,
    /// keeps the status while Sales or the customer has the request), audits it and saves; a concurrent change wins.
    /// </summary>
    private async Task<BaaResult> DecideAsync(Guid id, Guid version, BaaAction? action, string auditAction, Func<TRequest, string?> apply,
        Action<AppDbContext, TRequest>? after = null)
    {
        if (!await IsReviewerAsync())
        {
            return BaaResult.Invalid($"Only Sales can review {kind.Plural}.");
        }
        var me = await currentUser.GetAsync();
        await using var db = await dbFactory.CreateDbContextAsync();
        var (request, stale) = await RequestVersions.LoadAsync<TRequest>(db, id, version);
        if (request is null)
        {
            return stale!;
        }
        var next = action is { } a ? BaaWorkflow.Next(request.Status, a)
            : request.Status is BaaStatus.Submitted or BaaStatus.InReview or BaaStatus.InformationRequested ? request.Status : null;
        if (next is not { } to)
        {
            return BaaResult.Invalid($"A request that is {request.Status.DisplayName().ToLowerInvariant()} cannot be changed that way.");
        }
        if (apply(request) is { } refusal)
        {
            return BaaResult.Invalid(refusal);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (action is BaaAction.Approve or BaaAction.Reject)
        {
            request.DecidedByName = me!.DisplayName;
            request.DecidedAtUtc = now;
        }
        request.FirstResponseAtUtc ??= now;
        var from = request.Status;
        request.Move(to, now);
        after?.Invoke(db, request);
        if (action is BaaAction.Approve or BaaAction.Reject && kind.WebhookEvents is { } events)
        {
            WebhookEvents.Raise(db, events.Decided, RequestWebhookData.Of(kind, request), now);
        }
        await audit.RecordAsync(db, $"{kind.AuditPrefix}.{auditAction}", typeof(TRequest).Name, id.ToString(),
            new { reference = kind.Ref(request.Reference), from = from.ToString(), to = to.ToString(), reason = request.DecisionReason, assignee = request.AssignedToUserId });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return BaaResult.Conflicted();
        }
        return BaaResult.Ok(id);
    }

    private void ToCustomer(AppDbContext db, TRequest request, RequestEmail email) =>
        notify.ToAddresses(db, kind.CustomerAddresses(request), email);
}
