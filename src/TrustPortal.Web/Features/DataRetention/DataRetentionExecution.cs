using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Documents;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Agreements.Execution;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.Baa;
using TrustPortal.Web.Features.Email;
using TrustPortal.Web.Security;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.DataRetention;

/// <summary>
/// A retention amendment countersigned by Legal, as the executor needs it: the request at the version Legal saw, the
/// document with both signatures, the request's move to Executed, and the customer's email.
/// </summary>
internal sealed class DataRetentionExecution(Guid requestId, Guid version, UserSnapshot countersigner, AuditActor actor, string? userAgent,
    AuditTrail audit, EmailOutbox outbox, BaaNotifications notify) : IAgreementExecution
{
    private DataRetentionRequest? request;
    private BaaStatus next;
    private string title = Admin.StaffService.DefaultSignatoryTitle;

    public AgreementKind Kind => AgreementKind.Zdr;

    public Guid OrganizationId => request?.OrganizationId ?? throw new InvalidOperationException("The request is not loaded yet.");

    public AuditActor Actor => actor;

    /// <summary>Retention is no compliance framework; the amendment makes no attestation current.</summary>
    public IReadOnlyList<ComplianceFramework> Covers { get; } = [];

    public BaaResult? Refusal { get; private set; }

    public async Task<string?> PrepareAsync(AppDbContext db, ExecutionFacts facts, CancellationToken cancellationToken)
    {
        Refusal = null;
        var (loaded, refusal) = await RequestVersions.LoadAsync<DataRetentionRequest>(db, requestId, version);
        if (loaded is null)
        {
            Refusal = refusal;
            return refusal!.Errors[0].ErrorMessage ?? "This request cannot be countersigned.";
        }
        if (BaaWorkflow.Next(loaded.Status, BaaAction.Countersign) is not { } to)
        {
            Refusal = BaaResult.Invalid("Only an amendment the customer has signed can be countersigned.");
            return Refusal.Errors[0].ErrorMessage;
        }
        request = loaded;
        next = to;
        title = Admin.StaffService.SignatoryTitle(await db.Users.Where(u => u.Id == countersigner.Id).Select(u => u.JobTitle).FirstOrDefaultAsync(cancellationToken));
        return null;
    }

    public ComposedAgreement Compose(ExecutionFacts facts)
    {
        var r = request!;
        var form = JsonSerializer.Deserialize<DataRetentionForm>(r.FormJson, DataRetentionCustomerService.Json) ?? new DataRetentionForm();
        CertificateEvent[] events =
        [
            new(r.SubmittedAtUtc, $"Request {DataRetentionRules.Ref(r.Reference)} submitted by {r.RequestedByName} ({r.RequestedByEmail})", null, null),
            new(r.DecidedAtUtc ?? facts.NowUtc, $"Approved by {r.DecidedByName} after review", null, null),
            new(r.SignedAtUtc ?? facts.NowUtc, $"Signed by {r.SignerName}, {r.SignerTitle} ({r.SignerEmail}), typing \"{r.SignerTypedName}\"", r.SignerIpAddress,
                AgreementExecutor.Truncate(r.SignerUserAgent, AgreementExecutor.UserAgentMaxLength)),
            new(facts.NowUtc, $"Countersigned for {facts.Vendor.LegalName} by {countersigner.DisplayName}, {title} ({countersigner.Email}), and sealed", actor.IpAddress,
                AgreementExecutor.Truncate(userAgent, AgreementExecutor.UserAgentMaxLength)),
        ];
        var content = DataRetentionDocument.Compose(facts.Terms, r, form, facts.Vendor, (countersigner.DisplayName, title), facts.Number, facts.NowUtc, events, facts.VerifyUrl);
        var parties = new AgreementParties(
            new PartyDetails { LegalName = r.Customer.LegalName, Address = r.Customer.Address, Country = r.Customer.Country },
            countersigner.DisplayName, title,
            r.SignerName ?? "", r.SignerTitle ?? "", r.SignerEmail ?? "",
            null, r.SignerIpAddress, r.SignerUserAgent,
            r.FormJson, countersigner.Email);
        return new ComposedAgreement(content, parties);
    }

    public void Complete(AppDbContext db, ExecutionFacts facts, Agreement agreement)
    {
        var r = request!;
        r.CountersignedByName = countersigner.DisplayName;
        r.CountersignedByTitle = title;
        r.CountersignedAtUtc = facts.NowUtc;
        r.AgreementId = agreement.Id;
        r.Move(next, facts.NowUtc);
        audit.Record(db, actor, "data-retention.countersigned", nameof(DataRetentionRequest), r.Id.ToString(),
            new { reference = DataRetentionRules.Ref(r.Reference), number = agreement.Number });
        outbox.Enqueue(db, r.RequestedByEmail, $"{agreement.Number}: your data retention amendment is executed",
            $"The retention amendment for {r.Customer.LegalName} is countersigned and executed as {agreement.Number}.\n\n"
            + $"Download the sealed PDF here:\n{notify.Absolute($"/agreements/{agreement.Id}")}");
    }
}
