using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Baa;

/// <summary>
/// Sales' side of BAA requests: the queue, assignment, notes, the checklist and the decisions. Every decision names
/// the version the reviewer saw; if the request changed since, nothing is overwritten and the reviewer is told.
/// </summary>
public sealed class BaaReviewService(
    IDbContextFactory<AppDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    BaaNotifications notify,
    TimeProvider clock)
{
    public async Task<BaaReviewView?> GetAsync(Guid id)
    {
        if (!await IsReviewerAsync())
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        var request = await db.BaaRequests.AsNoTracking().Include(r => r.Organization).FirstOrDefaultAsync(r => r.Id == id);
        if (request is null)
        {
            return null;
        }
        var conversation = await db.BaaMessages.AsNoTracking().Where(m => m.RequestId == id).OrderBy(m => m.CreatedAtUtc)
            .Select(m => new BaaConversationEntry(m.FromCustomer, m.AuthorName, m.Text, m.CreatedAtUtc)).ToListAsync();
        var notes = await db.BaaNotes.AsNoTracking().Where(n => n.RequestId == id).OrderBy(n => n.CreatedAtUtc)
            .Select(n => new BaaNoteView(n.AuthorName, n.Text, n.CreatedAtUtc)).ToListAsync();
        var agreements = await db.Agreements.AsNoTracking().Where(a => a.OrganizationId == request.OrganizationId)
            .OrderByDescending(a => a.ExecutedAtUtc)
            .Select(a => new { a.Id, a.Number, a.Kind, a.Status, a.ExecutedAtUtc }).ToListAsync();
        var attestations = await db.Attestations.AsNoTracking().Where(a => a.OrganizationId == request.OrganizationId)
            .Select(a => new { a.Framework, a.Status, a.EvidenceLabel }).ToListAsync();
        var due = request.ResponseDueAtUtc;
        var now = clock.GetUtcNow().UtcDateTime;
        return new BaaReviewView(request.Id, request.Reference, request.Status, request.Version, request.Organization!.Name,
            $"{request.RequestedByName} ({request.RequestedByEmail})", request.SubmittedAtUtc, due,
            BaaRules.IsOverdue(request.Status, due, now),
            JsonSerializer.Deserialize<BaaUseCase>(request.UseCaseJson, BaaCustomerService.Json) ?? new BaaUseCase(),
            request.AssignedToUserId, request.AssignedToName,
            new BaaChecklist(request.CheckServicesEligible, request.CheckZeroRetentionConfigured, request.CheckNoExcludedFeatures),
            request.DecisionReason, request.DecidedByName, request.DecidedAtUtc, conversation, notes,
            agreements.Select(a => new RelatedAgreement(a.Id, a.Number, a.Kind, a.Status, a.ExecutedAtUtc)).ToList(),
            attestations.Select(a => new RelatedAttestation(a.Framework, a.Status, a.EvidenceLabel)).ToList());
    }

    /// <summary>Assigns one or more requests to the signed-in reviewer; a request that cannot be assigned is skipped and named.</summary>
    public async Task<BaaResult> AssignToMeAsync(IReadOnlyCollection<Guid> ids)
    {
        if (!await IsReviewerAsync())
        {
            return BaaResult.Invalid("Only Sales can assign BAA requests.");
        }
        if (ids.Count is 0 or > 100)
        {
            return BaaResult.Invalid("Choose between 1 and 100 requests to assign.");
        }
        var me = await currentUser.GetAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync();
        var requests = await db.BaaRequests.Where(r => ids.Contains(r.Id)).ToListAsync();
        var skipped = new List<string>();
        foreach (var request in requests)
        {
            if (BaaWorkflow.Next(request.Status, BaaAction.Assign) is not { } next)
            {
                skipped.Add(BaaNotifications.Ref(request));
                continue;
            }
            request.AssignedToUserId = me!.Id;
            request.AssignedToName = me.DisplayName;
            request.FirstResponseAtUtc ??= now;
            BaaCustomerService.Move(request, next, now);
            await audit.RecordAsync(db, "baa.assigned", nameof(BaaRequest), request.Id.ToString(), new { reference = BaaNotifications.Ref(request), assignee = me.Email });
        }
        await db.SaveChangesAsync();
        return skipped.Count == 0 ? BaaResult.Ok(ids.First()) : BaaResult.Invalid($"Not assigned (already decided): {string.Join(", ", skipped)}.");
    }

    public async Task<BaaResult> AddNoteAsync(Guid id, string? text)
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
        if (!await db.BaaRequests.AnyAsync(r => r.Id == id))
        {
            return BaaResult.Invalid("This request does not exist.");
        }
        db.BaaNotes.Add(new BaaNote { RequestId = id, AuthorName = me!.DisplayName, Text = text!.Trim(), CreatedAtUtc = clock.GetUtcNow().UtcDateTime });
        await audit.RecordAsync(db, "baa.note.added", nameof(BaaRequest), id.ToString());
        await db.SaveChangesAsync();
        return BaaResult.Ok(id);
    }

    public Task<BaaResult> SaveChecklistAsync(Guid id, Guid version, BaaChecklist checklist) =>
        DecideAsync(id, version, action: null, "baa.checklist.saved", request =>
        {
            request.CheckServicesEligible = checklist.ServicesEligible;
            request.CheckZeroRetentionConfigured = checklist.ZeroRetentionConfigured;
            request.CheckNoExcludedFeatures = checklist.NoExcludedFeatures;
            return null;
        });

    public Task<BaaResult> ApproveAsync(Guid id, Guid version) =>
        DecideAsync(id, version, BaaAction.Approve, "baa.approved", request =>
        {
            if (!request.CheckServicesEligible || !request.CheckNoExcludedFeatures || (request.ZeroDataRetentionRequired && !request.CheckZeroRetentionConfigured))
            {
                return "Complete the eligibility checklist before approving.";
            }
            return null;
        }, (db, request) => notify.ToCustomer(db, request, $"{BaaNotifications.Ref(request)}: your BAA request is approved",
            $"Good news: we approved the Business Associate Agreement request for {request.Customer.LegalName}.\n\nReview and sign it here:\n{notify.CustomerLink(request)}"));

    public Task<BaaResult> RejectAsync(Guid id, Guid version, string? reason)
    {
        var error = BaaRules.ValidateText(reason, "the reason");
        return error is not null
            ? Task.FromResult(BaaResult.Invalid(new ValidationResult(error, ["Reason"])))
            : DecideAsync(id, version, BaaAction.Reject, "baa.rejected", request =>
            {
                request.DecisionReason = reason!.Trim();
                return null;
            }, (db, request) => notify.ToCustomer(db, request, $"{BaaNotifications.Ref(request)}: your BAA request was not approved",
                $"We cannot sign a Business Associate Agreement for this use case. Our reason:\n\n{request.DecisionReason}\n\nDetails: {notify.CustomerLink(request)}"));
    }

    public async Task<BaaResult> RequestInformationAsync(Guid id, Guid version, string? question)
    {
        if (BaaRules.ValidateText(question, "your question") is { } error)
        {
            return BaaResult.Invalid(new ValidationResult(error, ["Question"]));
        }
        var me = await currentUser.GetAsync();
        return await DecideAsync(id, version, BaaAction.RequestInformation, "baa.information-requested", _ => null, (db, request) =>
        {
            db.BaaMessages.Add(new BaaMessage { RequestId = id, FromCustomer = false, AuthorName = me!.DisplayName, Text = question!.Trim(), CreatedAtUtc = request.UpdatedAtUtc });
            notify.ToCustomer(db, request, $"{BaaNotifications.Ref(request)}: a question about your BAA request",
                $"Our reviewer asks:\n\n{question.Trim()}\n\nAnswer it here:\n{notify.CustomerLink(request)}");
        });
    }

    private async Task<BaaResult> DecideAsync(Guid id, Guid version, BaaAction? action, string auditAction, Func<BaaRequest, string?> apply,
        Action<AppDbContext, BaaRequest>? after = null)
    {
        if (!await IsReviewerAsync())
        {
            return BaaResult.Invalid("Only Sales can review BAA requests.");
        }
        var me = await currentUser.GetAsync();
        await using var db = await dbFactory.CreateDbContextAsync();
        var (request, stale) = await BaaVersions.LoadAsync(db, id, version);
        if (request is null)
        {
            return stale!;
        }
        var next = action is { } a ? BaaWorkflow.Next(request.Status, a) : request.Status is BaaStatus.Submitted or BaaStatus.InReview or BaaStatus.InformationRequested ? request.Status : null;
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
        BaaCustomerService.Move(request, to, now);
        after?.Invoke(db, request);
        await audit.RecordAsync(db, auditAction, nameof(BaaRequest), id.ToString(),
            new { reference = BaaNotifications.Ref(request), from = from.ToString(), to = to.ToString(), reason = request.DecisionReason });
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

    private Task<bool> IsReviewerAsync() => currentUser.IsInRoleAsync(Roles.Sales);
}
