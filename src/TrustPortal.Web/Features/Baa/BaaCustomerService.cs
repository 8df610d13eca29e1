using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Attestations;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.TrustCenter;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Baa;

/// <summary>
/// The customer's side of a BAA: request it, answer questions, sign once approved. The organization always comes
/// from the signed-in user, and internal notes are never read here.
/// </summary>
public sealed class BaaCustomerService(
    IDbContextFactory<AppDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    BaaNotifications notify,
    IOptions<BaaOptions> options,
    SubmissionLimiter limiter,
    TimeProvider clock)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IReadOnlyList<string> EligibleServices => options.Value.Services;

    public async Task<BaaResult> SubmitAsync(BaaUseCase useCase)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = BaaRules.Validate(useCase, options.Value.Services, now);
        if (errors.Count > 0)
        {
            return BaaResult.Invalid(errors);
        }
        var me = await RequireMemberAsync();
        if (me?.OrganizationId is not { } organizationId)
        {
            return BaaResult.Invalid("Only members of a customer organization can request a BAA.");
        }
        if (limiter.TryAcquire(me.Id) is { } tooMany)
        {
            return BaaResult.Invalid(tooMany);
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        // The reference comes from a counter row in this transaction: no two requests share one, in any process.
        await using var transaction = await db.Database.BeginTransactionAsync();
        var reference = (int)await DatabaseCounters.NextAsync(db, DatabaseCounters.BaaRequestReference,
            async () => await db.BaaRequests.MaxAsync(r => (int?)r.Reference) ?? 0);
        if (await db.BaaRequests.AnyAsync(r => r.OrganizationId == organizationId && r.Status != BaaStatus.Rejected && r.Status != BaaStatus.Executed))
        {
            return BaaResult.Invalid("Your organization already has an open BAA request. Continue with that one.");
        }
        var request = new BaaRequest
        {
            Reference = reference,
            OrganizationId = organizationId,
            Status = BaaStatus.Submitted,
            RequestedByUserId = me.Id,
            RequestedByName = me.DisplayName,
            RequestedByEmail = me.Email,
            SubmittedAtUtc = now,
            ResponseDueAtUtc = BaaRules.ResponseDueAt(now, options.Value.ResponseTimeBusinessDays),
            UpdatedAtUtc = now,
            Customer = new PartyDetails { LegalName = useCase.LegalName.Trim(), Address = useCase.Address.Trim(), Country = useCase.Country },
            Role = useCase.Role,
            UseCaseJson = JsonSerializer.Serialize(useCase, Json),
            ZeroDataRetentionRequired = useCase.ZeroDataRetention,
            GoLiveDate = DateOnly.FromDateTime(useCase.GoLive!.Value),
            ContactName = useCase.ContactName.Trim(),
            ContactEmail = useCase.ContactEmail.Trim(),
        };
        db.BaaRequests.Add(request);
        var actor = await currentUser.GetActorAsync();
        audit.Record(db, actor, "baa.submitted", nameof(BaaRequest), request.Id.ToString(),
            new { reference = BaaNotifications.Ref(request), organizationId, services = useCase.Services });
        await AttestationLedger.MarkRequestedAsync(db, audit, actor, organizationId, ComplianceFramework.Hipaa, now);
        await notify.ToRoleAsync(db, Roles.Sales, $"{BaaNotifications.Ref(request)}: new BAA request from {request.Customer.LegalName}",
            $"{request.RequestedByName} of {request.Customer.LegalName} requested a Business Associate Agreement.\n\nReview it here:\n{notify.ReviewLink(request)}");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return BaaResult.Ok(request.Id);
    }

    /// <summary>The organization's requests, newest first.</summary>
    public async Task<List<BaaRequestSummary>> ListMineAsync()
    {
        var organizationId = (await RequireMemberAsync())?.OrganizationId;
        if (organizationId is null)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.BaaRequests.AsNoTracking()
            .Where(r => r.OrganizationId == organizationId)
            .OrderByDescending(r => r.SubmittedAtUtc)
            .Select(r => new BaaRequestSummary(r.Id, r.Reference, r.Status, r.Customer.LegalName, r.SubmittedAtUtc, r.UpdatedAtUtc, r.AgreementId))
            .ToListAsync();
    }

    /// <summary>
    /// The legal entity for a new request: as stated in the organization's latest executed DPA, so the customer does not
    /// type it twice; null when the organization has none. Only ever the signed-in user's own organization.
    /// </summary>
    public async Task<PartyDetails?> GetEntityFromDpaAsync()
    {
        var organizationId = (await RequireMemberAsync())?.OrganizationId;
        if (organizationId is null)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Agreements.AsNoTracking()
            .Where(a => a.OrganizationId == organizationId && a.Kind == AgreementKind.Dpa && a.Status == AgreementStatus.Executed)
            .OrderByDescending(a => a.ExecutedAtUtc)
            .Select(a => new PartyDetails { LegalName = a.Customer.LegalName, Address = a.Customer.Address, Country = a.Customer.Country, CompanyNumber = a.Customer.CompanyNumber })
            .FirstOrDefaultAsync();
    }

    /// <summary>One of the organization's requests as the customer sees it, or null (also for other organizations' ids).</summary>
    public async Task<BaaCustomerView?> GetAsync(Guid id)
    {
        var organizationId = (await RequireMemberAsync())?.OrganizationId;
        if (organizationId is null)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        var request = await db.BaaRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.OrganizationId == organizationId);
        if (request is null)
        {
            return null;
        }
        var messages = await db.BaaMessages.AsNoTracking().Where(m => m.RequestId == id).OrderBy(m => m.CreatedAtUtc)
            .Select(m => new BaaConversationEntry(m.FromCustomer, m.AuthorName, m.Text, m.CreatedAtUtc)).ToListAsync();
        var useCase = JsonSerializer.Deserialize<BaaUseCase>(request.UseCaseJson, Json) ?? new BaaUseCase();
        return new BaaCustomerView(request.Id, request.Reference, request.Status, request.Version, request.SubmittedAtUtc, useCase,
            request.Status == BaaStatus.Rejected ? request.DecisionReason : null, request.DecidedAtUtc, messages,
            request.SignerName, request.SignedAtUtc, request.AgreementId);
    }

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
        var request = await db.BaaRequests.FirstOrDefaultAsync(r => r.Id == id && r.OrganizationId == me.OrganizationId);
        if (request is null || BaaWorkflow.Next(request.Status, BaaAction.Answer) is not { } next)
        {
            return BaaResult.Invalid("There is no open question on this request.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        db.BaaMessages.Add(new BaaMessage { RequestId = id, FromCustomer = true, AuthorName = me.DisplayName, Text = answer!.Trim(), CreatedAtUtc = now });
        Move(request, next, now);
        await audit.RecordAsync(db, "baa.answered", nameof(BaaRequest), id.ToString(), new { reference = BaaNotifications.Ref(request) });
        await notify.ToReviewerAsync(db, request, $"{BaaNotifications.Ref(request)}: {request.Customer.LegalName} answered your question",
            $"{me.DisplayName} answered:\n\n{answer.Trim()}\n\nContinue the review here:\n{notify.ReviewLink(request)}");
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
        var request = await db.BaaRequests.FirstOrDefaultAsync(r => r.Id == id && r.OrganizationId == me.OrganizationId);
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
        Move(request, next, now);
        audit.Record(db, actor, "baa.signed", nameof(BaaRequest), id.ToString(),
            new { reference = BaaNotifications.Ref(request), request.SignerName, request.SignerTitle, userAgent = request.SignerUserAgent });
        await notify.ToRoleAsync(db, Roles.Legal, $"{BaaNotifications.Ref(request)}: {request.Customer.LegalName} signed the BAA",
            $"{request.SignerName}, {request.SignerTitle}, signed the Business Associate Agreement for {request.Customer.LegalName}.\n\n"
            + $"Countersign it here:\n{notify.Absolute("/legal/countersign")}");
        await db.SaveChangesAsync();
        return BaaResult.Ok(id);
    }

    internal static void Move(BaaRequest request, BaaStatus to, DateTime now)
    {
        request.Status = to;
        request.UpdatedAtUtc = now;
        request.Version = Guid.NewGuid();
    }

    private async Task<UserSnapshot?> RequireMemberAsync() =>
        await currentUser.IsInRoleAsync(Roles.Customer) && await currentUser.GetAsync() is { OrganizationId: not null } me ? me : null;
}
