using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Documents;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Agreements.Execution;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.Webhooks;
using TrustPortal.Web.Security;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.DataControls;

/// <summary>The member who signs an election, as the certificate page and the election row record them.</summary>
public sealed record ElectionSigner(UserSnapshot User, string? IpAddress, string? UserAgent);

/// <summary>
/// A data-sharing election as the executor needs it: the checks against the election in force and the texts the member
/// read (made under the executor's lock, so two members on two instances cannot both change the same revision), the
/// document, the election row, its audit event and the emails to the organization's members and to Legal.
/// </summary>
internal sealed class DataSharingExecution(Guid organizationId, DataSharingSignature signature, ElectionSigner signer,
    AuditTrail audit, DataSharingNotifications notify) : IAgreementExecution
{
    private DataSharingElection? current;
    private CommitmentText? commitment;
    private PartyDetails customer = new();
    private string signerTitle = "";
    private IReadOnlyList<string> recipients = [];

    public AgreementKind Kind => AgreementKind.Election;

    public Guid OrganizationId => organizationId;

    public AuditActor Actor { get; } = new(signer.User.Id, signer.User.Email, signer.IpAddress);

    /// <summary>An election is not evidence for a compliance framework.</summary>
    public IReadOnlyList<ComplianceFramework> Covers { get; } = [];

    public async Task<string?> PrepareAsync(AppDbContext db, ExecutionFacts facts, CancellationToken cancellationToken)
    {
        current = await DataSharingQueries.CurrentAsync(db, organizationId, cancellationToken);
        var revision = current?.Revision ?? 0;
        var optedIn = current?.OptedIn ?? false;
        if (revision != signature.SeenRevision)
        {
            return "Someone in your organization changed the election since you opened this page. Read the current choice and sign again if you still want to change it.";
        }
        if (optedIn == signature.OptIn)
        {
            return optedIn ? "Data sharing is already on for your organization." : "Data sharing is already off for your organization.";
        }
        if (facts.Terms.CommitmentsVersion != signature.CommitmentsVersion)
        {
            return $"The commitments were updated to version {facts.Terms.CommitmentsVersion} after you opened this page (you read version {signature.CommitmentsVersion}). Read the new text and sign again.";
        }
        if (facts.Terms.Template.Version != signature.TemplateVersion)
        {
            return $"The election text was updated to version {facts.Terms.Template.Version} after you opened this page. Read it and sign again.";
        }
        commitment = await DataSharingQueries.CommitmentAsync(db, facts.Terms.CommitmentsVersion, cancellationToken);
        if (commitment is null)
        {
            return "No data-privacy commitments are published yet, so there is nothing to make an election on.";
        }
        customer = await DataSharingQueries.CustomerPartyAsync(db, organizationId, cancellationToken);
        signerTitle = await db.Users.Where(u => u.Id == signer.User.Id).Select(u => u.JobTitle).FirstOrDefaultAsync(cancellationToken) is { Length: > 0 } title
            ? title
            : "Authorized member";
        recipients = await notify.RecipientsAsync(db, organizationId, cancellationToken);
        return null;
    }

    private ElectionFacts Election(ExecutionFacts facts)
    {
        var typed = signature.TypedName.Trim();
        var name = signer.User.DisplayName.Trim();
        var userAgent = AgreementExecutor.Truncate(signer.UserAgent, AgreementExecutor.UserAgentMaxLength);
        return new ElectionFacts(signature.OptIn, facts.NowUtc, DataSharingRules.EffectiveFrom(signature.OptIn, facts.NowUtc), current?.AgreementNumber,
            name, signerTitle, signer.User.Email, typed,
        [
            new(facts.NowUtc, $"{(signature.OptIn ? "Opted in" : "Opted out")} by {name} ({signer.User.Email}), typing \"{typed}\" and confirming authority to bind {customer.LegalName}, "
                + $"after reading commitments version {commitment!.Version}", signer.IpAddress, userAgent),
            new(facts.NowUtc, $"Recorded for {facts.Vendor.LegalName} and sealed", null, null),
        ]);
    }

    public ComposedAgreement Compose(ExecutionFacts facts)
    {
        var election = Election(facts);
        var content = DataSharingDocument.Compose(facts.Terms, facts.Number, customer, commitment!, election, facts.Vendor, facts.VerifyUrl);
        var parties = new AgreementParties(
            customer,
            facts.Vendor.SignatoryName, facts.Vendor.SignatoryTitle,
            election.SignerName, election.SignerTitle, election.SignerEmail,
            signer.User.Id, signer.IpAddress, signer.UserAgent,
            JsonSerializer.Serialize(new { optIn = signature.OptIn, effectiveFromUtc = election.EffectiveFromUtc, commitmentsVersion = commitment!.Version, commitmentsSha256 = commitment.Sha256 }));
        return new ComposedAgreement(content, parties);
    }

    public void Complete(AppDbContext db, ExecutionFacts facts, Agreement agreement)
    {
        var election = Election(facts);
        var row = new DataSharingElection
        {
            OrganizationId = organizationId,
            Revision = (current?.Revision ?? 0) + 1,
            OptedIn = signature.OptIn,
            ElectedAtUtc = facts.NowUtc,
            EffectiveFromUtc = election.EffectiveFromUtc,
            AgreementId = agreement.Id,
            AgreementNumber = agreement.Number,
            CommitmentsVersion = commitment!.Version,
            CommitmentsSha256 = commitment.Sha256,
            TemplateVersion = facts.Terms.Template.Version,
            SignerUserId = signer.User.Id,
            SignerName = election.SignerName,
            SignerEmail = election.SignerEmail,
            TypedName = election.TypedName,
        };
        db.DataSharingElections.Add(row);
        audit.Record(db, Actor, signature.OptIn ? "data-sharing.opted-in" : "data-sharing.opted-out", nameof(DataSharingElection), row.Id.ToString(), new
        {
            organizationId,
            row.Revision,
            number = agreement.Number,
            effectiveFromUtc = row.EffectiveFromUtc,
            commitmentsVersion = row.CommitmentsVersion,
            templateVersion = row.TemplateVersion,
            typedName = row.TypedName,
            replaces = current?.AgreementNumber,
        });
        WebhookEvents.Raise(db, WebhookEventTypes.DataSharingChanged, new
        {
            organizationId, customerLegalName = customer.LegalName, optedIn = row.OptedIn, row.Revision, effectiveFrom = row.EffectiveFromUtc,
            agreementId = agreement.Id, agreementNumber = agreement.Number, replaces = current?.AgreementNumber,
        }, facts.NowUtc);
        notify.Enqueue(db, recipients, row, customer.LegalName, agreement);
    }
}
