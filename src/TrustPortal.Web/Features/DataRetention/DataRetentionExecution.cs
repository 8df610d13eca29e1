using System.Text.Json;
using TrustPortal.Documents;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Agreements.Execution;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.Baa;
using TrustPortal.Web.Security;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.DataRetention;

/// <summary>A retention amendment countersigned by Legal: the amendment document (numbered ZDR-…) and its wording.</summary>
internal sealed class DataRetentionExecution(Guid requestId, Guid version, UserSnapshot countersigner, AuditActor actor, string? userAgent,
    AuditTrail audit, BaaNotifications notify)
    : RequestExecution<DataRetentionRequest, DataRetentionMessage>(requestId, version, countersigner, actor, userAgent, audit, notify, new DataRetentionKind())
{
    public override AgreementKind Kind => AgreementKind.Zdr;

    /// <summary>Retention is no compliance framework; the amendment makes no attestation current.</summary>
    public override IReadOnlyList<ComplianceFramework> Covers { get; } = [];

    protected override string NotSignedRefusal => "Only an amendment the customer has signed can be countersigned.";

    protected override (string Submitted, string Approved) EventWords(DataRetentionRequest r) =>
        ($"Request {DataRetentionRules.Ref(r.Reference)} submitted", $"Approved by {r.DecidedByName} after review");

    protected override AgreementContent ComposeDocument(ExecutionFacts facts, DataRetentionRequest r, IReadOnlyList<CertificateEvent> events)
    {
        var form = JsonSerializer.Deserialize<DataRetentionForm>(r.FormJson, DataRetentionCustomerService.Json) ?? new DataRetentionForm();
        return DataRetentionDocument.Compose(facts.Terms, r, form, facts.Vendor, (Countersigner.DisplayName, Title), facts.Number, facts.NowUtc, events, facts.VerifyUrl);
    }

    protected override string FormJson(DataRetentionRequest r) => r.FormJson;

    protected override RequestEmail Executed(DataRetentionRequest r, Agreement agreement, string agreementLink) =>
        new($"{agreement.Number}: your data retention amendment is executed",
            $"The retention amendment for {r.Customer.LegalName} is countersigned and executed as {agreement.Number}.\n\nDownload the sealed PDF here:\n{agreementLink}");
}
