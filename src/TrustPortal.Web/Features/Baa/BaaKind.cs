using TrustPortal.Web.Features.Webhooks;

namespace TrustPortal.Web.Features.Baa;

/// <summary>The BAA's part in the shared request workflow: its references, pages, checklist rule and emails.</summary>
public sealed class BaaKind : RequestKind<BaaRequest, BaaMessage>
{
    /// <summary>The counter row that numbers BAA requests.</summary>
    public const string Counter = Infrastructure.DatabaseCounters.BaaRequestReference;

    public override string AuditPrefix => "baa";

    public override (string Submitted, string Decided)? WebhookEvents => (WebhookEventTypes.BaaSubmitted, WebhookEventTypes.BaaDecided);

    public override string Noun => "BAA";

    public override string Plural => "BAA requests";

    public override string ReferenceCounter => Counter;

    public override string Ref(int reference) => Reference(reference);

    public static string Reference(int reference) => $"BAA-R-{reference:0000}";

    public override string ReviewPath(Guid id) => $"/sales/baa/{id}";

    public override string CustomerPath(Guid id) => $"/baa/{id}";

    /// <summary>The requester and, when different, the contact the use case names.</summary>
    public override IEnumerable<string> CustomerAddresses(BaaRequest request) => [request.RequestedByEmail, request.ContactEmail];

    public override string? ApprovalRefusal(BaaRequest request) =>
        !request.CheckServicesEligible || !request.CheckNoExcludedFeatures || (request.ZeroDataRetentionRequired && !request.CheckZeroRetentionConfigured)
            ? "Complete the eligibility checklist before approving." : null;

    public override RequestEmail Submitted(BaaRequest request, string reviewLink) =>
        new($"{Ref(request.Reference)}: new BAA request from {request.Customer.LegalName}",
            $"{request.RequestedByName} of {request.Customer.LegalName} requested a Business Associate Agreement.\n\nReview it here:\n{reviewLink}");

    public override RequestEmail Approved(BaaRequest request, string customerLink) =>
        new($"{Ref(request.Reference)}: your BAA request is approved",
            $"Good news: we approved the Business Associate Agreement request for {request.Customer.LegalName}.\n\nReview and sign it here:\n{customerLink}");

    public override RequestEmail Rejected(BaaRequest request, string customerLink) =>
        new($"{Ref(request.Reference)}: your BAA request was not approved",
            $"We cannot sign a Business Associate Agreement for this use case. Our reason:\n\n{request.DecisionReason}\n\nDetails: {customerLink}");

    public override RequestEmail Question(BaaRequest request, string question, string customerLink) =>
        new($"{Ref(request.Reference)}: a question about your BAA request", $"Our reviewer asks:\n\n{question}\n\nAnswer it here:\n{customerLink}");

    public override RequestEmail CustomerSigned(BaaRequest request, string countersignLink) =>
        new($"{Ref(request.Reference)}: {request.Customer.LegalName} signed the BAA",
            $"{request.SignerName}, {request.SignerTitle}, signed the Business Associate Agreement for {request.Customer.LegalName}.\n\nCountersign it here:\n{countersignLink}");
}
