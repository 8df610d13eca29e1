using Microsoft.EntityFrameworkCore;
using TrustPortal.Documents;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Agreements.Execution;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Security;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Baa;

/// <summary>
/// A signed request countersigned by Legal, as the agreement executor needs it: the request at the version Legal saw,
/// the certificate events, the request's move to Executed, the audit event and the customer's email. Each type
/// supplies only its document, what it covers and its wording.
/// </summary>
public abstract class RequestExecution<TRequest, TMessage>(Guid requestId, Guid version, UserSnapshot countersigner, AuditActor actor, string? userAgent,
    AuditTrail audit, BaaNotifications notify, RequestKind<TRequest, TMessage> kind) : IAgreementExecution
    where TRequest : ReviewedRequest where TMessage : RequestMessage, new()
{
    private TRequest? request;
    private BaaStatus next;

    public abstract AgreementKind Kind { get; }

    /// <summary>Known once the request is loaded; the executor reads it after <see cref="PrepareAsync"/>.</summary>
    public Guid OrganizationId => request?.OrganizationId ?? throw new InvalidOperationException("The request is not loaded yet.");

    public AuditActor Actor => actor;

    public abstract IReadOnlyList<ComplianceFramework> Covers { get; }

    /// <summary>The refusal in the request's own terms (e.g. a conflict), when preparing refused.</summary>
    public BaaResult? Refusal { get; private set; }

    /// <summary>The countersigner's title on the document, from their staff profile.</summary>
    protected string Title { get; private set; } = Admin.StaffService.DefaultSignatoryTitle;

    protected UserSnapshot Countersigner => countersigner;

    /// <summary>Why a request that is not waiting for Legal cannot be countersigned, in the type's words.</summary>
    protected abstract string NotSignedRefusal { get; }

    /// <summary>The certificate page's first two lines: "Use case BAA-R-0001 submitted by …", "Approved by … after review of eligibility".</summary>
    protected abstract (string Submitted, string Approved) EventWords(TRequest r);

    protected abstract AgreementContent ComposeDocument(ExecutionFacts facts, TRequest r, IReadOnlyList<CertificateEvent> events);

    /// <summary>What the customer filled in, stored with the agreement as JSON.</summary>
    protected abstract string FormJson(TRequest r);

    protected abstract RequestEmail Executed(TRequest r, Agreement agreement, string agreementLink);

    public async Task<string?> PrepareAsync(AppDbContext db, ExecutionFacts facts, CancellationToken cancellationToken)
    {
        Refusal = null;
        var (loaded, refusal) = await RequestVersions.LoadAsync<TRequest>(db, requestId, version);
        if (loaded is null)
        {
            Refusal = refusal;
            return refusal!.Errors[0].ErrorMessage ?? "This request cannot be countersigned.";
        }
        if (BaaWorkflow.Next(loaded.Status, BaaAction.Countersign) is not { } to)
        {
            Refusal = BaaResult.Invalid(NotSignedRefusal);
            return Refusal.Errors[0].ErrorMessage;
        }
        request = loaded;
        next = to;
        Title = Admin.StaffService.SignatoryTitle(await db.Users.Where(u => u.Id == countersigner.Id).Select(u => u.JobTitle).FirstOrDefaultAsync(cancellationToken));
        return null;
    }

    public ComposedAgreement Compose(ExecutionFacts facts)
    {
        var r = request!;
        var (submitted, approved) = EventWords(r);
        CertificateEvent[] events =
        [
            new(r.SubmittedAtUtc, $"{submitted} by {r.RequestedByName} ({r.RequestedByEmail})", null, null),
            new(r.DecidedAtUtc ?? facts.NowUtc, approved, null, null),
            new(r.SignedAtUtc ?? facts.NowUtc, $"Signed by {r.SignerName}, {r.SignerTitle} ({r.SignerEmail}), typing \"{r.SignerTypedName}\"", r.SignerIpAddress,
                AgreementExecutor.Truncate(r.SignerUserAgent, AgreementExecutor.UserAgentMaxLength)),
            new(facts.NowUtc, $"Countersigned for {facts.Vendor.LegalName} by {countersigner.DisplayName}, {Title} ({countersigner.Email}), and sealed", actor.IpAddress,
                AgreementExecutor.Truncate(userAgent, AgreementExecutor.UserAgentMaxLength)),
        ];
        var parties = new AgreementParties(
            new PartyDetails { LegalName = r.Customer.LegalName, Address = r.Customer.Address, Country = r.Customer.Country },
            countersigner.DisplayName, Title,
            r.SignerName ?? "", r.SignerTitle ?? "", r.SignerEmail ?? "",
            null, r.SignerIpAddress, r.SignerUserAgent,
            FormJson(r), countersigner.Email);
        return new ComposedAgreement(ComposeDocument(facts, r, events), parties);
    }

    public void Complete(AppDbContext db, ExecutionFacts facts, Agreement agreement)
    {
        var r = request!;
        r.CountersignedByName = countersigner.DisplayName;
        r.CountersignedByTitle = Title;
        r.CountersignedAtUtc = facts.NowUtc;
        r.AgreementId = agreement.Id;
        r.Move(next, facts.NowUtc);
        audit.Record(db, actor, $"{kind.AuditPrefix}.countersigned", typeof(TRequest).Name, r.Id.ToString(), new { reference = kind.Ref(r.Reference), number = agreement.Number });
        notify.ToAddresses(db, kind.CustomerAddresses(r), Executed(r, agreement, notify.Absolute($"/agreements/{agreement.Id}")));
    }
}
