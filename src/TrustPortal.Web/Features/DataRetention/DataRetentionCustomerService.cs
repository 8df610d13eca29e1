using System.Text.Json;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Baa;

namespace TrustPortal.Web.Features.DataRetention;

/// <summary>
/// The customer's side of a data-retention request: describe it, follow it. The organization always comes from the
/// signed-in user, never from the caller.
/// </summary>
public sealed class DataRetentionCustomerService(RequestCustomerWorkflow<DataRetentionRequest, DataRetentionMessage> workflow)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<BaaResult> SubmitAsync(DataRetentionForm form)
    {
        var errors = DataRetentionRules.Validate(form);
        if (errors.Count > 0)
        {
            return Task.FromResult(BaaResult.Invalid(errors));
        }
        var request = new DataRetentionRequest
        {
            Customer = new PartyDetails { LegalName = form.LegalName.Trim(), Address = form.Address.Trim(), Country = form.Country },
            Retention = form.Retention,
            RetentionDays = form.Retention == RetentionKind.Custom ? form.RetentionDays : null,
            Volume = form.Volume,
            FormJson = JsonSerializer.Serialize(Normalized(form), Json),
        };
        return workflow.SubmitAsync(request, r => new
        {
            reference = DataRetentionRules.Ref(r.Reference), organizationId = r.OrganizationId,
            retention = DataRetentionRules.Describe(r.Retention, r.RetentionDays), endpoints = form.Endpoints,
        });
    }

    /// <summary>The organization's requests, newest first.</summary>
    public Task<List<DataRetentionSummary>> ListMineAsync() =>
        workflow.ListMineAsync(r => new DataRetentionSummary(r.Id, r.Reference, r.Status, r.Retention, r.RetentionDays, r.SubmittedAtUtc, r.UpdatedAtUtc, r.AgreementId));

    /// <summary>One of the organization's requests as the customer sees it, or null (also for other organizations' ids).</summary>
    public async Task<DataRetentionCustomerView?> GetAsync(Guid id)
    {
        if (await workflow.FindMineAsync(id) is not var (request, messages))
        {
            return null;
        }
        var form = JsonSerializer.Deserialize<DataRetentionForm>(request.FormJson, Json) ?? new DataRetentionForm();
        return new DataRetentionCustomerView(request.Id, request.Reference, request.Status, request.Version, request.SubmittedAtUtc, form,
            request.Status == BaaStatus.Rejected ? request.DecisionReason : null, request.DecidedAtUtc, messages,
            request.SignerName, request.SignedAtUtc, request.AgreementId);
    }

    /// <summary>The answer to Sales' question; only the assigned reviewer is emailed.</summary>
    public Task<BaaResult> AnswerAsync(Guid id, string? answer) => workflow.AnswerAsync(id, answer);

    public Task<BaaResult> SignAsync(Guid id, BaaSignature signature) => workflow.SignAsync(id, signature);

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
}
