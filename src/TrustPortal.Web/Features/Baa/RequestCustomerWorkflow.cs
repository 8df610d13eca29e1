using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.Webhooks;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Baa;

/// <summary>
/// The customer's side of every reviewed request type: submit (numbered, one open request per organization, due
/// time fixed by the response-time target), answer Sales' question, sign once approved. The organization always
/// comes from the signed-in member, so another organization's request does not exist here.
/// </summary>
public sealed class RequestCustomerWorkflow<TRequest, TMessage>(
    IDbContextFactory<AppDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    BaaNotifications notify,
    RequestKind<TRequest, TMessage> kind,
    IOptions<BaaOptions> options,
    SubmissionLimiter limiter,
    TimeProvider clock)
    where TRequest : ReviewedRequest where TMessage : RequestMessage, new()
{
    /// <summary>A member of a customer organization, or null for anyone else.</summary>
    public async Task<UserSnapshot?> RequireMemberAsync() =>
        await currentUser.IsInRoleAsync(Roles.Customer) && await currentUser.GetAsync() is { OrganizationId: not null } me ? me : null;

    /// <summary>
    /// Stores a validated request: <paramref name="request"/> brings its type's fields, this fills in the rest.
    /// <paramref name="alsoAsync"/> runs in the same transaction (e.g. marking an attestation requested).
    /// </summary>
    public async Task<BaaResult> SubmitAsync(TRequest request, Func<TRequest, object> auditDetails,
        Func<AppDbContext, AuditActor, TRequest, Task>? alsoAsync = null)
    {
        var me = await RequireMemberAsync();
        if (me?.OrganizationId is not { } organizationId)
        {
            return BaaResult.Invalid($"Only members of a customer organization can make a {kind.Noun} request.");
        }
        if (limiter.TryAcquire(me.Id) is { } tooMany)
        {
            return BaaResult.Invalid(tooMany);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync();
        // The counter row is the transaction's first write, so no two requests share a reference in any process.
        await using var transaction = await db.Database.BeginTransactionAsync();
        var reference = (int)await DatabaseCounters.NextAsync(db, kind.ReferenceCounter,
            async () => await db.Set<TRequest>().MaxAsync(r => (int?)r.Reference) ?? 0);
        if (await db.Set<TRequest>().AnyAsync(r => r.OrganizationId == organizationId && r.Status != BaaStatus.Rejected && r.Status != BaaStatus.Executed))
        {
            return BaaResult.Invalid($"Your organization already has an open {kind.Noun} request. Continue with that one.");
        }
        request.Reference = reference;
        request.OrganizationId = organizationId;
        request.Status = BaaStatus.Submitted;
        request.RequestedByUserId = me.Id;
        request.RequestedByName = me.DisplayName;
        request.RequestedByEmail = me.Email;
        request.SubmittedAtUtc = now;
        request.ResponseDueAtUtc = BaaRules.ResponseDueAt(now, options.Value.ResponseTimeBusinessDays);
        request.UpdatedAtUtc = now;
        db.Set<TRequest>().Add(request);
        var actor = await currentUser.GetActorAsync();
        audit.Record(db, actor, $"{kind.AuditPrefix}.submitted", typeof(TRequest).Name, request.Id.ToString(), auditDetails(request));
        if (kind.WebhookEvents is { } events)
        {
            WebhookEvents.Raise(db, events.Submitted, RequestWebhookData.Of(kind, request), now);
        }
        if (alsoAsync is not null)
        {
            await alsoAsync(db, actor, request);
        }
        var email = kind.Submitted(request, notify.Absolute(kind.ReviewPath(request.Id)));
        await notify.ToRoleAsync(db, Roles.Sales, email.Subject, email.Text);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return BaaResult.Ok(request.Id);
    }

    /// <summary>One of the member's organization's requests with its conversation, or null (also for other organizations' ids).</summary>
    public async Task<(TRequest Request, List<BaaConversationEntry> Conversation)?> FindMineAsync(Guid id)
    {
        var organizationId = (await RequireMemberAsync())?.OrganizationId;
        if (organizationId is null)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        var request = await db.Set<TRequest>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.OrganizationId == organizationId);
        return request is null ? null : (request, await RequestThreads.ConversationAsync<TMessage>(db, id));
    }

    /// <summary>The member's organization's requests, newest first, projected by the caller.</summary>
    public async Task<List<TSummary>> ListMineAsync<TSummary>(System.Linq.Expressions.Expression<Func<TRequest, TSummary>> select)
    {
        var organizationId = (await RequireMemberAsync())?.OrganizationId;
        if (organizationId is null)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Set<TRequest>().AsNoTracking().Where(r => r.OrganizationId == organizationId)
            .OrderByDescending(r => r.SubmittedAtUtc).Select(select).ToListAsync();
    }

    /// <summary>The customer's answer to Sales' question: back in review, and only the assigned reviewer is told.</summary>
    public async Task<BaaResult> AnswerAsync(Guid id, string? answer)
    {
        if (BaaRules.ValidateText(answer, "your answer") is { } error)
        {
            return BaaResult.Invalid(new ValidationResult(error, ["Answer"]));
        }
        if (await RequireMemberAsync() is not { } me)
        {
            return BaaResult.Invalid("Only members of the requesting organization can answer.");
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        var request = await db.Set<TRequest>().FirstOrDefaultAsync(r => r.Id == id && r.OrganizationId == me.OrganizationId);
        if (request is null || BaaWorkflow.Next(request.Status, BaaAction.Answer) is not { } next)
        {
            return BaaResult.Invalid("There is no open question on this request.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        db.Set<TMessage>().Add(new TMessage { RequestId = id, FromCustomer = true, AuthorName = me.DisplayName, Text = answer!.Trim(), CreatedAtUtc = now });
        request.Move(next, now);
        await audit.RecordAsync(db, $"{kind.AuditPrefix}.answered", typeof(TRequest).Name, id.ToString(), new { reference = kind.Ref(request.Reference) });
        var email = kind.Answered(request, me.DisplayName, answer.Trim(), notify.Absolute(kind.ReviewPath(id)));
        await notify.ToReviewerAsync(db, request, email.Subject, email.Text);
        await db.SaveChangesAsync();
        return BaaResult.Ok(id);
    }

    /// <summary>The customer's signature on the approved document: recorded with IP and user agent, then Legal is told.</summary>
    public async Task<BaaResult> SignAsync(Guid id, BaaSignature signature)
    {
        var errors = signature.Validate();
        if (errors.Count > 0)
        {
            return BaaResult.Invalid(errors);
        }
        if (await RequireMemberAsync() is not { } me)
        {
            return BaaResult.Invalid("Only members of the requesting organization can sign.");
        }
        if (limiter.TryAcquire(me.Id) is { } tooMany)
        {
            return BaaResult.Invalid(tooMany);
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        var request = await db.Set<TRequest>().FirstOrDefaultAsync(r => r.Id == id && r.OrganizationId == me.OrganizationId);
        if (request is null || BaaWorkflow.Next(request.Status, BaaAction.CustomerSign) is not { } next)
        {
            return BaaResult.Invalid("This request is not waiting for your signature.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var actor = await currentUser.GetActorAsync();
        request.SignerName = signature.SignerName.Trim();
        request.SignerTitle = signature.SignerTitle.Trim();
        request.SignerEmail = me.Email;
        request.SignerTypedName = signature.TypedName.Trim();
        request.SignerIpAddress = actor.IpAddress;
        var agent = currentUser.GetUserAgent();
        request.SignerUserAgent = agent is { Length: > 512 } ? agent[..512] : agent;
        request.SignedAtUtc = now;
        request.Move(next, now);
        audit.Record(db, actor, $"{kind.AuditPrefix}.signed", typeof(TRequest).Name, id.ToString(),
            new { reference = kind.Ref(request.Reference), request.SignerName, request.SignerTitle, userAgent = request.SignerUserAgent });
        var email = kind.CustomerSigned(request, notify.Absolute("/legal/countersign"));
        await notify.ToRoleAsync(db, Roles.Legal, email.Subject, email.Text);
        await db.SaveChangesAsync();
        return BaaResult.Ok(id);
    }
}
