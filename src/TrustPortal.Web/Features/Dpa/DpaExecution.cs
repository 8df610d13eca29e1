using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Documents;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Agreements.Execution;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.Email;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Dpa;

/// <summary>
/// A DPA signed in the portal or from an emailed link, as the executor needs it: the document, the signing request it
/// completes (if any), and the emails to the signatory and to whoever prepared it.
/// </summary>
internal sealed class DpaExecution(Guid organizationId, DpaDraft draft, DpaSignature signature, Signer signer, LinkSigning? link,
    AuditTrail audit, EmailOutbox outbox, PublicUrls urls) : IAgreementExecution
{
    private SignatureRequest? request;
    private SignatureCode? code;

    public AgreementKind Kind => AgreementKind.Dpa;

    public Guid OrganizationId => organizationId;

    public AuditActor Actor { get; } = new(signer.UserId, signer.Email ?? draft.SignatoryEmail.Trim(), signer.IpAddress);

    public IReadOnlyList<ComplianceFramework> Covers { get; } = [ComplianceFramework.Gdpr, ComplianceFramework.Ccpa];

    public async Task<string?> PrepareAsync(AppDbContext db, ExecutionFacts facts, CancellationToken cancellationToken)
    {
        if (link is null)
        {
            return null;
        }
        request = await db.SignatureRequests.FirstOrDefaultAsync(r => r.Id == link.RequestId && r.CompletedAtUtc == null, cancellationToken);
        if (request is null)
        {
            return "This signing link has already been used.";
        }
        code = await db.SignatureCodes.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == link.CodeId && c.SignatureRequestId == link.RequestId && c.VerifiedAtUtc != null, cancellationToken);
        return code is null ? DpaSignatureRequests.CodeRequired : null;
    }

    public ComposedAgreement Compose(ExecutionFacts facts)
    {
        var events = new List<CertificateEvent>();
        if (request is not null)
        {
            events.Add(new CertificateEvent(request.CreatedAtUtc, $"Prepared by {request.RequestedByName} and sent to {request.SignatoryEmail} for signature", null, null));
        }
        if (code?.VerifiedAtUtc is { } verifiedAt)
        {
            events.Add(new CertificateEvent(verifiedAt, $"Email address {code.SentTo} verified by one-time code", code.VerifiedIpAddress, code.VerifiedUserAgent));
        }
        events.Add(new CertificateEvent(facts.NowUtc, $"Signed by {draft.SignatoryName.Trim()} ({draft.SignatoryEmail.Trim()}), typing \"{signature.TypedName.Trim()}\" and confirming authority to bind {draft.LegalName.Trim()}", signer.IpAddress, signer.UserAgent));
        events.Add(new CertificateEvent(facts.NowUtc, $"Executed for {facts.Vendor.LegalName} by {facts.Vendor.SignatoryName}, {facts.Vendor.SignatoryTitle}, and sealed", null, null));
        var content = DpaDocument.Compose(facts.Terms, draft, facts.Vendor, facts.Options.SubprocessorObjectionDays,
            new DpaExecutionFacts(facts.Number, facts.NowUtc, signature.TypedName.Trim(), events), facts.NowUtc, facts.VerifyUrl, facts.StatusUrl);
        var parties = new AgreementParties(
            new PartyDetails
            {
                LegalName = draft.LegalName.Trim(),
                Address = draft.Address.Trim(),
                Country = draft.Country,
                CompanyNumber = string.IsNullOrWhiteSpace(draft.CompanyNumber) ? null : draft.CompanyNumber.Trim(),
            },
            facts.Vendor.SignatoryName, facts.Vendor.SignatoryTitle,
            draft.SignatoryName.Trim(), draft.SignatoryTitle.Trim(), draft.SignatoryEmail.Trim(),
            signer.UserId, signer.IpAddress, signer.UserAgent,
            JsonSerializer.Serialize(draft, DpaService.Json));
        return new ComposedAgreement(content, parties);
    }

    public void Complete(AppDbContext db, ExecutionFacts facts, Agreement agreement)
    {
        if (request is not null)
        {
            request.CompletedAtUtc = facts.NowUtc;
            request.AgreementId = agreement.Id;
            request.SignedWithCodeId = code?.Id;
            request.CopyTokenHash = SignatoryCopies.Hash(link!.CopyToken);
            request.CopyExpiresAtUtc = facts.NowUtc.AddDays(facts.Options.SignatoryDownloadDays);
            audit.Record(db, Actor, "signature-request.completed", nameof(SignatureRequest), request.Id.ToString(),
                new { number = agreement.Number, emailVerifiedByCodeAtUtc = code?.VerifiedAtUtc });
        }
        QueueExecutedEmails(db, facts, agreement);
    }

    private void QueueExecutedEmails(AppDbContext db, ExecutionFacts facts, Agreement agreement)
    {
        var page = urls.Absolute($"/agreements/{agreement.Id}");
        // A signatory reached by email may have no account: they get their own download link, bound to the first browser using it.
        var download = request?.CopyExpiresAtUtc is { } expires && link is not null
            ? $"Download the sealed PDF here:\n{urls.Absolute(SignatoryCopies.PathFor(link.CopyToken))}\n\n"
                + $"This link works for {facts.Options.SignatoryDownloadDays} days, until {expires:yyyy-MM-dd HH:mm} UTC, and only for you: the first browser "
                + "that downloads the PDF keeps the link, and it does not work anywhere else afterwards. Save the PDF where you keep your contracts.\n\n"
                + $"Members of your organization can also view and download it in the portal:\n{page}\n\n"
            : $"Members of your organization can view and download the sealed PDF here:\n{page}\n\n";
        outbox.Enqueue(db, agreement.SignerEmail, $"{agreement.Number}: your Data Processing Addendum is executed",
            $"Hello {agreement.SignerName},\n\nThe Data Processing Addendum between {agreement.Customer.LegalName} and {agreement.VendorLegalName} "
            + $"is executed as {agreement.Number} on {agreement.ExecutedAtUtc:yyyy-MM-dd} (UTC).\n\n"
            + download
            + $"Anyone can check that a copy is authentic at:\n{facts.VerifyUrl}");
        if (request is not null && !string.Equals(request.SignatoryEmail, request.RequestedByEmail, StringComparison.OrdinalIgnoreCase))
        {
            outbox.Enqueue(db, request.RequestedByEmail, $"{agreement.Number}: {agreement.SignerName} signed the DPA",
                $"Hello,\n\n{agreement.SignerName} signed the Data Processing Addendum you prepared for {agreement.Customer.LegalName}. "
                + $"It is executed as {agreement.Number}.\n\nView and download it here:\n{page}");
        }
    }
}
