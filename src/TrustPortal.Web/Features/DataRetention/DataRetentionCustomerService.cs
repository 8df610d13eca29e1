using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.Baa;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.DataRetention;

/// <summary>
/// The customer's side of a data-retention request: describe it, follow it. The organization always comes from the
/// signed-in user, never from the caller.
/// </summary>
public sealed class DataRetentionCustomerService(
    IDbContextFactory<AppDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    BaaNotifications notify,
    IOptions<BaaOptions> baaOptions,
    SubmissionLimiter limiter,
    TimeProvider clock)
{
    /// <summary>The counter row that numbers requests, apart from BAA requests so each has its own sequence.</summary>
    public const string ReferenceCounter = "data-retention-request-reference";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<BaaResult> SubmitAsync(DataRetentionForm form)
    {
        var errors = DataRetentionRules.Validate(form);
        if (errors.Count > 0)
        {
            return BaaResult.Invalid(errors);
        }
        var me = await RequireMemberAsync();
        if (me?.OrganizationId is not { } organizationId)
        {
            return BaaResult.Invalid("Only members of a customer organization can request a data-retention change.");
        }
        if (limiter.TryAcquire(me.Id) is { } tooMany)
        {
            return BaaResult.Invalid(tooMany);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync();
        // The counter row is the transaction's first write, so no two requests share a reference in any process.
        await using var transaction = await db.Database.BeginTransactionAsync();
        var reference = (int)await DatabaseCounters.NextAsync(db, ReferenceCounter,
            async () => await db.DataRetentionRequests.MaxAsync(r => (int?)r.Reference) ?? 0);
        if (await db.DataRetentionRequests.AnyAsync(r => r.OrganizationId == organizationId && r.Status != BaaStatus.Rejected && r.Status != BaaStatus.Executed))
        {
            return BaaResult.Invalid("Your organization already has an open data-retention request. Continue with that one.");
        }
        var request = new DataRetentionRequest
        {
            Reference = reference,
            OrganizationId = organizationId,
            Status = BaaStatus.Submitted,
            RequestedByUserId = me.Id,
            RequestedByName = me.DisplayName,
            RequestedByEmail = me.Email,
            SubmittedAtUtc = now,
            ResponseDueAtUtc = BaaRules.ResponseDueAt(now, baaOptions.Value.ResponseTimeBusinessDays),
            UpdatedAtUtc = now,
            Customer = new PartyDetails { LegalName = form.LegalName.Trim(), Address = form.Address.Trim(), Country = form.Country },
            Retention = form.Retention,
            RetentionDays = form.Retention == RetentionKind.Custom ? form.RetentionDays : null,
            Volume = form.Volume,
            FormJson = JsonSerializer.Serialize(Normalized(form), Json),
        };
        db.DataRetentionRequests.Add(request);
        var requested = DataRetentionRules.Describe(request.Retention, request.RetentionDays);
        var actor = await currentUser.GetActorAsync();
        audit.Record(db, actor, "data-retention.submitted", nameof(DataRetentionRequest), request.Id.ToString(),
            new { reference = DataRetentionRules.Ref(reference), organizationId, retention = requested, endpoints = form.Endpoints });
        await notify.ToRoleAsync(db, Roles.Sales, $"{DataRetentionRules.Ref(reference)}: new data-retention request from {request.Customer.LegalName}",
            $"{me.DisplayName} of {request.Customer.LegalName} asked for {requested.ToLowerInvariant()} on {string.Join(", ", form.Endpoints)}.\n\n"
            + $"Review it here:\n{notify.Absolute($"/sales/data-retention/{request.Id}")}");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return BaaResult.Ok(request.Id);
    }

    /// <summary>The organization's requests, newest first.</summary>
    public async Task<List<DataRetentionSummary>> ListMineAsync()
    {
        var organizationId = (await RequireMemberAsync())?.OrganizationId;
        if (organizationId is null)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.DataRetentionRequests.AsNoTracking()
            .Where(r => r.OrganizationId == organizationId)
            .OrderByDescending(r => r.SubmittedAtUtc)
            .Select(r => new DataRetentionSummary(r.Id, r.Reference, r.Status, r.Retention, r.RetentionDays, r.SubmittedAtUtc, r.UpdatedAtUtc, r.AgreementId))
            .ToListAsync();
    }

    /// <summary>One of the organization's requests as the customer sees it, or null (also for other organizations' ids).</summary>
    public async Task<DataRetentionCustomerView?> GetAsync(Guid id)
    {
        var organizationId = (await RequireMemberAsync())?.OrganizationId;
        if (organizationId is null)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        var request = await db.DataRetentionRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.OrganizationId == organizationId);
        if (request is null)
        {
            return null;
        }
        var messages = await db.DataRetentionMessages.AsNoTracking().Where(m => m.RequestId == id).OrderBy(m => m.CreatedAtUtc)
            .Select(m => new BaaConversationEntry(m.FromCustomer, m.AuthorName, m.Text, m.CreatedAtUtc)).ToListAsync();
        var form = JsonSerializer.Deserialize<DataRetentionForm>(request.FormJson, Json) ?? new DataRetentionForm();
        return new DataRetentionCustomerView(request.Id, request.Reference, request.Status, request.Version, request.SubmittedAtUtc, form,
            request.Status == BaaStatus.Rejected ? request.DecisionReason : null, request.DecidedAtUtc, messages,
            request.SignerName, request.SignedAtUtc, request.AgreementId);
    }

    public async Task<BaaResult> AnswerAsync(Guid id, string? answer)
    {
        if (BaaRules.ValidateText(answer, "your answer") is { } error)
        {
            return BaaResult.Invalid(new System.ComponentModel.DataAnnotations.ValidationResult(error, ["Answer"]));
        }
        if (await RequireMemberAsync() is not { } me)
        {
            return BaaResult.Invalid("Only members of the requesting organization can answer.");
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        var request = await db.DataRetentionRequests.FirstOrDefaultAsync(r => r.Id == id && r.OrganizationId == me.OrganizationId);
        if (request is null || BaaWorkflow.Next(request.Status, BaaAction.Answer) is not { } next)
        {
            return BaaResult.Invalid("There is no open question on this request.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        db.DataRetentionMessages.Add(new DataRetentionMessage { RequestId = id, FromCustomer = true, AuthorName = me.DisplayName, Text = answer!.Trim(), CreatedAtUtc = now });
        DataRetentionVersions.Move(request, next, now);
        await audit.RecordAsync(db, "data-retention.answered", nameof(DataRetentionRequest), id.ToString(), new { reference = DataRetentionRules.Ref(request.Reference) });
        var subject = $"{DataRetentionRules.Ref(request.Reference)}: {request.Customer.LegalName} answered your question";
        var text = $"{me.DisplayName} answered:\n\n{answer.Trim()}\n\nContinue the review here:\n{notify.Absolute($"/sales/data-retention/{id}")}";
        await notify.ToRoleAsync(db, Roles.Sales, subject, text);
        await db.SaveChangesAsync();
        return BaaResult.Ok(id);
    }

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
        var request = await db.DataRetentionRequests.FirstOrDefaultAsync(r => r.Id == id && r.OrganizationId == me.OrganizationId);
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
        DataRetentionVersions.Move(request, next, now);
        audit.Record(db, actor, "data-retention.signed", nameof(DataRetentionRequest), id.ToString(),
            new { reference = DataRetentionRules.Ref(request.Reference), request.SignerName, request.SignerTitle, userAgent = request.SignerUserAgent });
        await notify.ToRoleAsync(db, Roles.Legal, $"{DataRetentionRules.Ref(request.Reference)}: {request.Customer.LegalName} signed the retention amendment",
            $"{request.SignerName}, {request.SignerTitle}, signed the data retention amendment for {request.Customer.LegalName}.\n\n"
            + $"Countersign it here:\n{notify.Absolute("/legal/countersign")}");
        await db.SaveChangesAsync();
        return BaaResult.Ok(id);
    }

    /// <summary>The form as stored: trimmed, and without a day count when zero retention was chosen.</summary>
    private static DataRetentionForm Normalized(DataRetentionForm form) => new()
    {
        LegalName = form.LegalName.Trim(),
        Address = form.Address.Trim(),
        Country = form.Country,
        Endpoints = [.. form.Endpoints],
        DataCategories = [.. form.DataCategories],
        Volume = form.Volume,
        Retention = form.Retention,
        RetentionDays = form.Retention == RetentionKind.Custom ? form.RetentionDays : null,
        Justification = form.Justification.Trim(),
    };

    private async Task<UserSnapshot?> RequireMemberAsync() =>
        await currentUser.IsInRoleAsync(Roles.Customer) && await currentUser.GetAsync() is { OrganizationId: not null } me ? me : null;
}
