using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.Baa;
using TrustPortal.Web.Features.Email;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.DataRetention;

/// <summary>
/// Sales' side of data-retention requests, with the BAA's workflow and rules: assignment, checklist, questions,
/// approval or rejection. Every change names the version the reviewer saw and is audited.
/// </summary>
public sealed class DataRetentionReviewService(
    IDbContextFactory<AppDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    BaaNotifications notify,
    EmailOutbox outbox,
    TimeProvider clock)
{
    public async Task<DataRetentionReviewView?> GetAsync(Guid id)
    {
        if (!await IsReviewerAsync())
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        var request = await db.DataRetentionRequests.AsNoTracking().Include(r => r.Organization).FirstOrDefaultAsync(r => r.Id == id);
        if (request is null)
        {
            return null;
        }
        var conversation = await db.DataRetentionMessages.AsNoTracking().Where(m => m.RequestId == id).OrderBy(m => m.CreatedAtUtc)
            .Select(m => new BaaConversationEntry(m.FromCustomer, m.AuthorName, m.Text, m.CreatedAtUtc)).ToListAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        return new DataRetentionReviewView(request.Id, request.Reference, request.Status, request.Version, request.Organization!.Name,
            $"{request.RequestedByName} ({request.RequestedByEmail})", request.SubmittedAtUtc, request.ResponseDueAtUtc,
            BaaRules.IsOverdue(request.Status, request.ResponseDueAtUtc, now),
            JsonSerializer.Deserialize<DataRetentionForm>(request.FormJson, DataRetentionCustomerService.Json) ?? new DataRetentionForm(),
            request.AssignedToUserId, request.AssignedToName,
            new DataRetentionChecklist(request.CheckEndpointsEligible, request.CheckRetentionConfigured, request.CheckNoConflictingFeatures),
            request.DecisionReason, request.DecidedByName, request.DecidedAtUtc, conversation);
    }

    /// <summary>Assigns the request to a member of Sales, named by user id; anyone else is refused.</summary>
    public async Task<BaaResult> AssignAsync(Guid id, Guid version, string userId)
    {
        if (!await IsReviewerAsync())
        {
            return BaaResult.Invalid("Only Sales can review data-retention requests.");
        }
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var isSales = await db.UserRoles.AnyAsync(ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Sales));
            if (!isSales)
            {
                return BaaResult.Invalid(new ValidationResult("Assign the request to a member of Sales.", ["Assignee"]));
            }
        }
        string? name;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            name = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync();
        }
        return await DecideAsync(id, version, BaaAction.Assign, "data-retention.assigned", request =>
        {
            request.AssignedToUserId = userId;
            request.AssignedToName = name;
            return null;
        });
    }

    public async Task<BaaResult> AssignToMeAsync(Guid id, Guid version) =>
        await currentUser.GetUserIdAsync() is { } me ? await AssignAsync(id, version, me) : BaaResult.Invalid("Sign in again.");

    public Task<BaaResult> SaveChecklistAsync(Guid id, Guid version, DataRetentionChecklist checklist) =>
        DecideAsync(id, version, action: null, "data-retention.checklist.saved", request =>
        {
            request.CheckEndpointsEligible = checklist.EndpointsEligible;
            request.CheckRetentionConfigured = checklist.RetentionConfigured;
            request.CheckNoConflictingFeatures = checklist.NoConflictingFeatures;
            return null;
        });

    public Task<BaaResult> ApproveAsync(Guid id, Guid version) =>
        DecideAsync(id, version, BaaAction.Approve, "data-retention.approved", request =>
            request is { CheckEndpointsEligible: true, CheckRetentionConfigured: true, CheckNoConflictingFeatures: true }
                ? null : "Complete the checklist before approving.",
            (db, request) => ToCustomer(db, request, $"{DataRetentionRules.Ref(request.Reference)}: your data-retention request is approved",
                $"We approved {DataRetentionRules.Describe(request.Retention, request.RetentionDays).ToLowerInvariant()} for {request.Customer.LegalName}.\n\n"
                + $"Review and sign the amendment here:\n{CustomerLink(request)}"));

    public Task<BaaResult> RejectAsync(Guid id, Guid version, string? reason)
    {
        var error = BaaRules.ValidateText(reason, "the reason");
        return error is not null
            ? Task.FromResult(BaaResult.Invalid(new ValidationResult(error, ["Reason"])))
            : DecideAsync(id, version, BaaAction.Reject, "data-retention.rejected", request =>
            {
                request.DecisionReason = reason!.Trim();
                return null;
            }, (db, request) => ToCustomer(db, request, $"{DataRetentionRules.Ref(request.Reference)}: your data-retention request was not approved",
                $"We cannot offer this retention. Our reason:\n\n{request.DecisionReason}\n\nDetails: {CustomerLink(request)}"));
    }

    public async Task<BaaResult> RequestInformationAsync(Guid id, Guid version, string? question)
    {
        if (BaaRules.ValidateText(question, "your question") is { } error)
        {
            return BaaResult.Invalid(new ValidationResult(error, ["Question"]));
        }
        var me = await currentUser.GetAsync();
        return await DecideAsync(id, version, BaaAction.RequestInformation, "data-retention.information-requested", _ => null, (db, request) =>
        {
            db.DataRetentionMessages.Add(new DataRetentionMessage { RequestId = id, FromCustomer = false, AuthorName = me!.DisplayName, Text = question!.Trim(), CreatedAtUtc = request.UpdatedAtUtc });
            ToCustomer(db, request, $"{DataRetentionRules.Ref(request.Reference)}: a question about your data-retention request",
                $"Our reviewer asks:\n\n{question.Trim()}\n\nAnswer it here:\n{CustomerLink(request)}");
        });
    }

    private async Task<BaaResult> DecideAsync(Guid id, Guid version, BaaAction? action, string auditAction, Func<DataRetentionRequest, string?> apply,
        Action<AppDbContext, DataRetentionRequest>? after = null)
    {
        if (!await IsReviewerAsync())
        {
            return BaaResult.Invalid("Only Sales can review data-retention requests.");
        }
        var me = await currentUser.GetAsync();
        await using var db = await dbFactory.CreateDbContextAsync();
        var (request, stale) = await DataRetentionVersions.LoadAsync(db, id, version);
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
        DataRetentionVersions.Move(request, to, now);
        after?.Invoke(db, request);
        await audit.RecordAsync(db, auditAction, nameof(DataRetentionRequest), id.ToString(),
            new { reference = DataRetentionRules.Ref(request.Reference), from = from.ToString(), to = to.ToString(), reason = request.DecisionReason, assignee = request.AssignedToUserId });
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

    private void ToCustomer(AppDbContext db, DataRetentionRequest request, string subject, string text) =>
        outbox.Enqueue(db, request.RequestedByEmail, subject, text);

    private string CustomerLink(DataRetentionRequest request) => notify.Absolute($"/portal/data-retention/{request.Id}");

    private Task<bool> IsReviewerAsync() => currentUser.IsInRoleAsync(Roles.Sales);
}
