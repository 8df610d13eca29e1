using System.Text.Json;
using TrustPortal.Documents;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Agreements.Execution;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Security;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Baa;

/// <summary>A BAA countersigned by Legal: the BAA document, HIPAA made current, and the BAA's wording.</summary>
internal sealed class BaaExecution(Guid requestId, Guid version, UserSnapshot countersigner, AuditActor actor, string? userAgent,
    AuditTrail audit, BaaNotifications notify)
    : RequestExecution<BaaRequest, BaaMessage>(requestId, version, countersigner, actor, userAgent, audit, notify, new BaaKind())
{
    public override AgreementKind Kind => AgreementKind.Baa;

    public override IReadOnlyList<ComplianceFramework> Covers { get; } = [ComplianceFramework.Hipaa];

    protected override string NotSignedRefusal => "Only a BAA the customer has signed can be countersigned.";

    protected override (string Submitted, string Approved) EventWords(BaaRequest r) =>
        ($"Use case {BaaKind.Reference(r.Reference)} submitted", $"Approved by {r.DecidedByName} after review of eligibility");

    protected override AgreementContent ComposeDocument(ExecutionFacts facts, BaaRequest r, IReadOnlyList<CertificateEvent> events)
    {
        var useCase = JsonSerializer.Deserialize<BaaUseCase>(r.UseCaseJson, BaaCustomerService.Json) ?? new BaaUseCase();
        return BaaDocument.Compose(facts.Terms, r, useCase, facts.Vendor, facts.Options.SubprocessorObjectionDays,
            (Countersigner.DisplayName, Title), facts.Number, facts.NowUtc, events, facts.VerifyUrl, facts.StatusUrl);
    }

    protected override string FormJson(BaaRequest r) => r.UseCaseJson;

    protected override RequestEmail Executed(BaaRequest r, Agreement agreement, string agreementLink) =>
        new($"{agreement.Number}: your Business Associate Agreement is executed",
            $"The Business Associate Agreement for {r.Customer.LegalName} is countersigned and executed as {agreement.Number}.\n\nDownload the sealed PDF here:\n{agreementLink}");
}
