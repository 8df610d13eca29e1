using TrustPortal.Web.Features.Baa;

namespace TrustPortal.Web.Features.DataRetention;

/// <summary>Data retention's part in the shared request workflow: its references, pages, checklist rule and emails.</summary>
public sealed class DataRetentionKind : RequestKind<DataRetentionRequest, DataRetentionMessage>
{
    /// <summary>The counter row that numbers requests, apart from BAA requests so each has its own sequence.</summary>
    public const string Counter = "data-retention-request-reference";

    public override string AuditPrefix => "data-retention";

    public override string Noun => "data-retention";

    public override string Plural => "data-retention requests";

    public override string ReferenceCounter => Counter;

    public override string Ref(int reference) => DataRetentionRules.Ref(reference);

    public override string ReviewPath(Guid id) => $"/sales/data-retention/{id}";

    public override string CustomerPath(Guid id) => $"/portal/data-retention/{id}";

    public override string? ApprovalRefusal(DataRetentionRequest request) =>
        request is { CheckEndpointsEligible: true, CheckRetentionConfigured: true, CheckNoConflictingFeatures: true } ? null : "Complete the checklist before approving.";

    public override RequestEmail Submitted(DataRetentionRequest request, string reviewLink)
    {
        var endpoints = (System.Text.Json.JsonSerializer.Deserialize<DataRetentionForm>(request.FormJson, DataRetentionCustomerService.Json) ?? new()).Endpoints;
        return new($"{Ref(request.Reference)}: new data-retention request from {request.Customer.LegalName}",
            $"{request.RequestedByName} of {request.Customer.LegalName} asked for {Describe(request).ToLowerInvariant()} on {string.Join(", ", endpoints)}.\n\n"
            + $"Review it here:\n{reviewLink}");
    }

    public override RequestEmail Approved(DataRetentionRequest request, string customerLink) =>
        new($"{Ref(request.Reference)}: your data-retention request is approved",
            $"We approved {Describe(request).ToLowerInvariant()} for {request.Customer.LegalName}.\n\nReview and sign the amendment here:\n{customerLink}");

    public override RequestEmail Rejected(DataRetentionRequest request, string customerLink) =>
        new($"{Ref(request.Reference)}: your data-retention request was not approved",
            $"We cannot offer this retention. Our reason:\n\n{request.DecisionReason}\n\nDetails: {customerLink}");

    public override RequestEmail Question(DataRetentionRequest request, string question, string customerLink) =>
        new($"{Ref(request.Reference)}: a question about your data-retention request", $"Our reviewer asks:\n\n{question}\n\nAnswer it here:\n{customerLink}");

    public override RequestEmail CustomerSigned(DataRetentionRequest request, string countersignLink) =>
        new($"{Ref(request.Reference)}: {request.Customer.LegalName} signed the retention amendment",
            $"{request.SignerName}, {request.SignerTitle}, signed the data retention amendment for {request.Customer.LegalName}.\n\nCountersign it here:\n{countersignLink}");

    private static string Describe(DataRetentionRequest request) => DataRetentionRules.Describe(request.Retention, request.RetentionDays);
}
