using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Attestations;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Baa;

/// <summary>
/// The customer's side of a BAA: request it, answer questions, sign once approved. The organization always comes
/// from the signed-in user, and internal notes are never read here.
/// </summary>
public sealed class BaaCustomerService(
    IDbContextFactory<AppDbContext> dbFactory,
    RequestCustomerWorkflow<BaaRequest, BaaMessage> workflow,
    AuditTrail audit,
    IOptions<BaaOptions> options,
    TimeProvider clock)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IReadOnlyList<string> EligibleServices => options.Value.Services;

    public Task<BaaResult> SubmitAsync(BaaUseCase useCase)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = BaaRules.Validate(useCase, options.Value.Services, now);
        if (errors.Count > 0)
        {
            return Task.FromResult(BaaResult.Invalid(errors));
        }
        var request = new BaaRequest
        {
            Customer = new PartyDetails { LegalName = useCase.LegalName.Trim(), Address = useCase.Address.Trim(), Country = useCase.Country },
            Role = useCase.Role,
            UseCaseJson = JsonSerializer.Serialize(useCase, Json),
            ZeroDataRetentionRequired = useCase.ZeroDataRetention,
            GoLiveDate = DateOnly.FromDateTime(useCase.GoLive!.Value),
            ContactName = useCase.ContactName.Trim(),
            ContactEmail = useCase.ContactEmail.Trim(),
        };
        return workflow.SubmitAsync(request, r => new { reference = BaaKind.Reference(r.Reference), organizationId = r.OrganizationId, services = useCase.Services },
            (db, actor, r) => AttestationLedger.MarkRequestedAsync(db, audit, actor, r.OrganizationId, ComplianceFramework.Hipaa, r.SubmittedAtUtc));
    }

    /// <summary>The organization's requests, newest first.</summary>
    public Task<List<BaaRequestSummary>> ListMineAsync() =>
        workflow.ListMineAsync(r => new BaaRequestSummary(r.Id, r.Reference, r.Status, r.Customer.LegalName, r.SubmittedAtUtc, r.UpdatedAtUtc, r.AgreementId));

    /// <summary>
    /// The legal entity for a new request: as stated in the organization's latest executed DPA, so the customer does not
    /// type it twice; null when the organization has none. Only ever the signed-in user's own organization.
    /// </summary>
    public async Task<PartyDetails?> GetEntityFromDpaAsync()
    {
        var organizationId = (await workflow.RequireMemberAsync())?.OrganizationId;
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
        if (await workflow.FindMineAsync(id) is not var (request, messages))
        {
            return null;
        }
        var useCase = JsonSerializer.Deserialize<BaaUseCase>(request.UseCaseJson, Json) ?? new BaaUseCase();
        return new BaaCustomerView(request.Id, request.Reference, request.Status, request.Version, request.SubmittedAtUtc, useCase,
            request.Status == BaaStatus.Rejected ? request.DecisionReason : null, request.DecidedAtUtc, messages,
            request.SignerName, request.SignedAtUtc, request.AgreementId);
    }

    /// <summary>The answer to Sales' question; only the assigned reviewer is emailed.</summary>
    public Task<BaaResult> AnswerAsync(Guid id, string? answer) => workflow.AnswerAsync(id, answer);

    public Task<BaaResult> SignAsync(Guid id, BaaSignature signature) => workflow.SignAsync(id, signature);
}
