using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Documents;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Agreements.Execution;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.Email;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;
using TrustPortal.Web.Shared;

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
    AgreementExecutor executor,
    IOptions<VendorOptions> vendorOptions,
    IOptions<AgreementOptions> agreementOptions,
    SubmissionLimiter limiter,
    TimeProvider clock)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private VendorOptions Vendor => vendorOptions.Value;
    private AgreementOptions Options => agreementOptions.Value;

    /// <summary>The document as it will be signed, for the review step; null when no DPA template is published.</summary>
    public async Task<AgreementContent?> PreviewAsync(DpaDraft draft, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var terms = await FrozenTerms.LoadCurrentAsync(db, AgreementKind.Dpa, cancellationToken: cancellationToken);
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
        var outcome = await executor.ExecuteAsync(new DpaExecution(organizationId, draft, signature, signer, link, audit, outbox, urls), cancellationToken);
        if (outcome.Busy)
        {
            return ExecutionResult.Busy;
        }
        return outcome.Executed ? ExecutionResult.Executed(outcome.AgreementId!.Value, outcome.Number!) : ExecutionResult.Invalid(outcome.Refusal!);
    }
}

/// <summary>
/// A signature made from an emailed link: the request it completes, the token of the signatory's download link, and the
/// emailed code the signer's browser verified.
/// </summary>
internal sealed record LinkSigning(Guid RequestId, string CopyToken, Guid CodeId);

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
