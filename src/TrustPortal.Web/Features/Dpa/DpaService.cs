using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Documents;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Attestations;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.Email;
using TrustPortal.Web.Features.TrustCenter;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Dpa;

/// <summary>
/// Self-serve DPAs: preview the exact text, execute it at once (number, sealed PDF, audit, attestations and email in
/// one transaction), or send it to the person who may sign.
/// </summary>
public sealed class DpaService(
    IDbContextFactory<AppDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    EmailOutbox outbox,
    PublicUrls urls,
    SealCertificate seal,
    IOptions<VendorOptions> vendorOptions,
    IOptions<AgreementOptions> agreementOptions,
    SubmissionLimiter limiter,
    TimeProvider clock,
    ILogger<DpaService> logger)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private VendorOptions Vendor => vendorOptions.Value;
    private AgreementOptions Options => agreementOptions.Value;

    /// <summary>The document as it will be signed, for the review step; null when no DPA template is published.</summary>
    public async Task<AgreementContent?> PreviewAsync(DpaDraft draft, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var terms = await FrozenTerms.LoadCurrentAsync(db, AgreementKind.Dpa, cancellationToken);
        return terms is null ? null : DpaDocument.Compose(terms, draft, Vendor, Options.SubprocessorObjectionDays, null, clock.GetUtcNow().UtcDateTime, urls.Absolute("/verify"));
    }

    /// <summary>The signed-in customer signs for their own organization.</summary>
    public async Task<ExecutionResult> ExecuteAsync(DpaDraft draft, DpaSignature signature, CancellationToken cancellationToken = default)
    {
        var errors = DpaRules.Validate(draft, signature);
        if (errors.Count > 0)
        {
            return ExecutionResult.Invalid(errors);
        }
        var me = await currentUser.GetAsync();
        if (me?.OrganizationId is not { } organizationId || !await currentUser.IsInRoleAsync(Roles.Customer))
        {
            return ExecutionResult.Invalid("Only members of a customer organization can sign a DPA.");
        }
        if (limiter.TryAcquire(me.Id) is { } tooMany)
        {
            return ExecutionResult.Invalid(tooMany);
        }
        var actor = await currentUser.GetActorAsync();
        var signer = new Signer(me.Id, me.Email, actor.IpAddress, currentUser.GetUserAgent());
        return await ExecuteCoreAsync(organizationId, draft, signature, signer, link: null, cancellationToken);
    }

    /// <param name="link">When signed from an emailed link: the request and the token of the signatory's download link.</param>
    internal async Task<ExecutionResult> ExecuteCoreAsync(Guid organizationId, DpaDraft draft, DpaSignature signature, Signer signer,
        LinkSigning? link, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await AgreementNumbers.Gate.WaitAsync(cancellationToken);
            try
            {
                if (await TryExecuteAsync(organizationId, draft, signature, signer, link, cancellationToken) is { } result)
                {
                    return result;
                }
                // Another process took the same number; take the next one.
                logger.LogWarning("Agreement number collision on attempt {Attempt}; retrying.", attempt);
                if (attempt == 5)
                {
                    throw new InvalidOperationException("Could not allocate an agreement number after 5 attempts.");
                }
            }
            catch (Exception ex) when (DatabaseBusy.Is(ex))
            {
                // The one transaction did not commit, so nothing is stored and no number is used: the user may retry.
                logger.LogWarning(ex, "The database stayed locked; DPA execution for organization {OrganizationId} was not saved.", organizationId);
                return ExecutionResult.Busy;
            }
            finally
            {
                AgreementNumbers.Gate.Release();
            }
        }
    }

    /// <summary>One attempt in one transaction; null when the number was taken by another process meanwhile.</summary>
    private async Task<ExecutionResult?> TryExecuteAsync(Guid organizationId, DpaDraft draft, DpaSignature signature, Signer signer,
        LinkSigning? link, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var terms = await FrozenTerms.LoadCurrentAsync(db, AgreementKind.Dpa, cancellationToken);
        if (terms is null)
        {
            return ExecutionResult.Invalid("No DPA template is published yet. Please contact us.");
        }
        SignatureRequest? request = null;
        if (link is not null)
        {
            request = await db.SignatureRequests.FirstOrDefaultAsync(r => r.Id == link.RequestId && r.CompletedAtUtc == null, cancellationToken);
            if (request is null)
            {
                return ExecutionResult.Invalid("This signing link has already been used.");
            }
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var (sequence, number) = await AgreementNumbers.NextAsync(db, AgreementKind.Dpa, now.Year, cancellationToken);
        var events = new List<CertificateEvent>();
        if (request is not null)
        {
            events.Add(new CertificateEvent(request.CreatedAtUtc, $"Prepared by {request.RequestedByName} and sent to {request.SignatoryEmail} for signature", null, null));
        }
        events.Add(new CertificateEvent(now, $"Signed by {draft.SignatoryName.Trim()} ({draft.SignatoryEmail.Trim()}), typing \"{signature.TypedName.Trim()}\" and confirming authority to bind {draft.LegalName.Trim()}", signer.IpAddress, signer.UserAgent));
        events.Add(new CertificateEvent(now, $"Executed for {Vendor.LegalName} by {Vendor.SignatoryName}, {Vendor.SignatoryTitle}, and sealed", null, null));
        var content = DpaDocument.Compose(terms, draft, Vendor, Options.SubprocessorObjectionDays,
            new DpaExecutionFacts(number, now, signature.TypedName.Trim(), events), now, urls.Absolute("/verify"));
        var pdf = AgreementRenderer.RenderAndSeal(content, seal.Certificate,
            new SealDetails($"{terms.Template.Title} {number} executed", string.IsNullOrWhiteSpace(Options.Seal.Location) ? Vendor.Address : Options.Seal.Location, Vendor.ContactEmail));
        var agreement = NewAgreement(organizationId, draft, signer, terms, sequence, number, now);
        var document = AgreementDocument.For(agreement.Id, pdf, now);
        db.Agreements.Add(agreement);
        db.AgreementDocuments.Add(document);
        var actor = new AuditActor(signer.UserId, signer.Email ?? draft.SignatoryEmail.Trim(), signer.IpAddress);
        await SupersedeEarlierAsync(db, actor, organizationId, agreement, now, cancellationToken);
        if (request is not null)
        {
            request.CompletedAtUtc = now;
            request.AgreementId = agreement.Id;
            request.CopyTokenHash = SignatoryCopies.Hash(link!.CopyToken);
            request.CopyExpiresAtUtc = now.AddDays(Options.SignatoryDownloadDays);
            audit.Record(db, actor, "signature-request.completed", nameof(SignatureRequest), request.Id.ToString(), new { number });
        }
        audit.Record(db, actor, "agreement.executed", nameof(Agreement), agreement.Id.ToString(), new
        {
            number,
            kind = agreement.Kind.ToString(),
            organizationId,
            templateVersion = terms.Template.Version,
            pdfSha256 = document.Sha256,
            signer = agreement.SignerName,
            signerEmail = agreement.SignerEmail,
            userAgent = signer.UserAgent,
        });
        await AttestationLedger.CoverAsync(db, audit, actor, organizationId, [ComplianceFramework.Gdpr, ComplianceFramework.Ccpa],
            new AttestationEvidence(nameof(Agreement), agreement.Id, number), now, cancellationToken);
        QueueExecutedEmails(db, agreement, request, link?.CopyToken);
        if (!await AgreementNumbers.SaveAsync(db, dbFactory, number, cancellationToken))
        {
            return null;
        }
        logger.LogInformation("Executed {Number} for organization {OrganizationId} in one transaction.", number, organizationId);
        return ExecutionResult.Executed(agreement.Id, number);
    }

    private Agreement NewAgreement(Guid organizationId, DpaDraft draft, Signer signer, FrozenTerms terms, int sequence, string number, DateTime now) => new()
    {
        Number = number,
        Kind = AgreementKind.Dpa,
        Year = now.Year,
        Sequence = sequence,
        Status = AgreementStatus.Executed,
        OrganizationId = organizationId,
        TemplateId = terms.Template.Id,
        TemplateVersion = terms.Template.Version,
        Customer = new PartyDetails
        {
            LegalName = draft.LegalName.Trim(),
            Address = draft.Address.Trim(),
            Country = draft.Country,
            CompanyNumber = string.IsNullOrWhiteSpace(draft.CompanyNumber) ? null : draft.CompanyNumber.Trim(),
        },
        VendorLegalName = Vendor.LegalName,
        VendorSignatoryName = Vendor.SignatoryName,
        VendorSignatoryTitle = Vendor.SignatoryTitle,
        SignerName = draft.SignatoryName.Trim(),
        SignerTitle = draft.SignatoryTitle.Trim(),
        SignerEmail = draft.SignatoryEmail.Trim(),
        SignerUserId = signer.UserId,
        SignerIpAddress = signer.IpAddress,
        SignerUserAgent = Truncate(signer.UserAgent, 512),
        ExecutedAtUtc = now,
        DetailsJson = JsonSerializer.Serialize(draft, Json),
        TemplateSha256 = terms.Template.Sha256,
        CommitmentsVersion = terms.CommitmentsVersion,
        CommitmentsSha256 = terms.CommitmentsSha256,
        SubprocessorsSha256 = terms.SubprocessorsSha256,
    };

    private async Task SupersedeEarlierAsync(AppDbContext db, AuditActor actor, Guid organizationId, Agreement replacement, DateTime now, CancellationToken cancellationToken)
    {
        var earlier = await db.Agreements
            .Where(a => a.OrganizationId == organizationId && a.Kind == AgreementKind.Dpa && a.Status == AgreementStatus.Executed)
            .ToListAsync(cancellationToken);
        foreach (var old in earlier)
        {
            old.Status = AgreementStatus.Superseded;
            old.StatusChangedAtUtc = now;
            old.StatusReason = $"Replaced by {replacement.Number}.";
            audit.Record(db, actor, "agreement.superseded", nameof(Agreement), old.Id.ToString(), new { old.Number, replacedBy = replacement.Number });
        }
    }

    private void QueueExecutedEmails(AppDbContext db, Agreement agreement, SignatureRequest? request, string? copyToken)
    {
        var link = urls.Absolute($"/agreements/{agreement.Id}");
        // A signatory reached by email may have no account: they get their own download link, bound to the first browser using it.
        var download = request?.CopyExpiresAtUtc is { } expires && copyToken is not null
            ? $"Download the sealed PDF here:\n{urls.Absolute(SignatoryCopies.PathFor(copyToken))}\n\n"
                + $"This link works for {Options.SignatoryDownloadDays} days, until {expires:yyyy-MM-dd HH:mm} UTC, and only for you: the first browser "
                + "that downloads the PDF keeps the link, and it does not work anywhere else afterwards. Save the PDF where you keep your contracts.\n\n"
                + $"Members of your organization can also view and download it in the portal:\n{link}\n\n"
            : $"Members of your organization can view and download the sealed PDF here:\n{link}\n\n";
        outbox.Enqueue(db, agreement.SignerEmail, $"{agreement.Number}: your Data Processing Addendum is executed",
            $"Hello {agreement.SignerName},\n\nThe Data Processing Addendum between {agreement.Customer.LegalName} and {agreement.VendorLegalName} "
            + $"is executed as {agreement.Number} on {agreement.ExecutedAtUtc:yyyy-MM-dd} (UTC).\n\n"
            + download
            + $"Anyone can check that a copy is authentic at:\n{urls.Absolute("/verify")}");
        if (request is not null && !string.Equals(request.SignatoryEmail, request.RequestedByEmail, StringComparison.OrdinalIgnoreCase))
        {
            outbox.Enqueue(db, request.RequestedByEmail, $"{agreement.Number}: {agreement.SignerName} signed the DPA",
                $"Hello,\n\n{agreement.SignerName} signed the Data Processing Addendum you prepared for {agreement.Customer.LegalName}. "
                + $"It is executed as {agreement.Number}.\n\nView and download it here:\n{link}");
        }
    }

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}

/// <summary>A signature made from an emailed link: the request it completes and the token of the signatory's download link.</summary>
internal sealed record LinkSigning(Guid RequestId, string CopyToken);

/// <summary>Who signed, as the certificate page records it.</summary>
public sealed record Signer(string? UserId, string? Email, string? IpAddress, string? UserAgent);

/// <summary>An executed agreement (or a request sent for signature), or the messages that stopped it.</summary>
public sealed record ExecutionResult(Guid? AgreementId, string? Number, IReadOnlyList<ValidationResult> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static ExecutionResult Executed(Guid id, string number) => new(id, number, []);

    /// <summary>Signed from an emailed link: where the signatory downloads the sealed PDF (bound to the first browser that does).</summary>
    public string? SignatoryCopyPath { get; init; }

    /// <summary>Sent to the signatory: nothing is executed yet.</summary>
    public static readonly ExecutionResult Forwarded = new(null, null, []);

    public static ExecutionResult Invalid(IReadOnlyList<ValidationResult> errors) => new(null, null, errors);

    /// <summary>Another writer held the database too long; nothing was stored, and the same input can be sent again.</summary>
    public static readonly ExecutionResult Busy = Invalid(
        "The portal is busy and could not save your agreement. Nothing was signed; your answers are kept — try again in a moment.");

    /// <summary>As <see cref="Busy"/>, when sending the agreement for signature.</summary>
    public static readonly ExecutionResult BusySending = Invalid(
        "The portal is busy and could not send the agreement for signature. Nothing was sent; your answers are kept — try again in a moment.");

    public static ExecutionResult Invalid(string message) => new(null, null, [new ValidationResult(message)]);
}
