using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.Email;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Dpa;

/// <summary>
/// "I am not the authorized signatory": the prepared DPA goes to the signatory by email. The link's token is the only
/// credential, so it is random, stored as a hash, expires, and works once.
/// </summary>
public sealed class DpaSignatureRequests(
    IDbContextFactory<AppDbContext> dbFactory,
    CurrentUser currentUser,
    DpaService dpa,
    AuditTrail audit,
    EmailOutbox outbox,
    PublicUrls urls,
    IOptions<AgreementOptions> options,
    SubmissionLimiter limiter,
    SignatoryCodes codes,
    TimeProvider clock)
{
    public async Task<ExecutionResult> ForwardAsync(DpaDraft draft, CancellationToken cancellationToken = default)
    {
        var errors = DpaRules.Validate(draft);
        if (errors.Count > 0)
        {
            return ExecutionResult.Invalid(errors);
        }
        var me = await currentUser.GetAsync();
        if (me?.OrganizationId is not { } organizationId || !await currentUser.IsInRoleAsync(Roles.Customer))
        {
            return ExecutionResult.Invalid("Only members of a customer organization can prepare a DPA.");
        }
        if (limiter.TryAcquire(me.Id) is { } tooMany)
        {
            return ExecutionResult.Invalid(tooMany);
        }
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organization = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == organizationId, cancellationToken);
        var request = new SignatureRequest
        {
            Kind = AgreementKind.Dpa,
            OrganizationId = organizationId,
            RequestedByUserId = me.Id,
            RequestedByName = me.DisplayName,
            RequestedByEmail = me.Email,
            SignatoryEmail = draft.SignatoryEmail.Trim(),
            DraftJson = JsonSerializer.Serialize(draft, DpaService.Json),
            TokenHash = Hash(token),
            CreatedAtUtc = now,
            ExpiresAtUtc = now + options.Value.SignatureLinkLifetime,
        };
        db.SignatureRequests.Add(request);
        outbox.Enqueue(db, request.SignatoryEmail, $"Please sign the Data Processing Addendum for {draft.LegalName.Trim()}",
            $"Hello {draft.SignatoryName.Trim()},\n\n{me.DisplayName} ({me.Email}) of {organization.Name} prepared a Data Processing Addendum "
            + $"for {draft.LegalName.Trim()} and named you as the person who may sign it.\n\nReview the full text and sign here:\n"
            + $"{urls.Absolute($"/dpa/sign/{token}")}\n\nThe link works once and expires on {request.ExpiresAtUtc:yyyy-MM-dd HH:mm} UTC. "
            + "If you did not expect this, ignore this email: nothing is signed until you sign.");
        await audit.RecordAsync(db, "signature-request.created", nameof(SignatureRequest), request.Id.ToString(),
            new { kind = "Dpa", organizationId, request.SignatoryEmail, request.ExpiresAtUtc });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (DatabaseBusy.Is(ex))
        {
            // One SaveChanges, one transaction: nothing stored, no email queued, no link that works.
            return ExecutionResult.BusySending;
        }
        return ExecutionResult.Forwarded;
    }

    /// <summary>The pending request behind a link, or null when the link is unknown, used or expired.</summary>
    public async Task<PendingSignature?> FindAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }
        var hash = Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.SignatureRequests.AsNoTracking()
            .FirstOrDefaultAsync(r => r.TokenHash == hash && r.Kind == AgreementKind.Dpa && r.CompletedAtUtc == null && r.ExpiresAtUtc > now, cancellationToken);
        if (request is null)
        {
            return null;
        }
        var draft = JsonSerializer.Deserialize<DpaDraft>(request.DraftJson, DpaService.Json) ?? new DpaDraft();
        return new PendingSignature(request.Id, request.OrganizationId, request.RequestedByName, request.RequestedByEmail, request.ExpiresAtUtc, draft);
    }

    /// <summary>
    /// The agreement a used link executed, while the link would otherwise still be valid: a signatory whose confirmation
    /// never arrived (a dropped connection, an instance lost mid-request) learns the DPA is signed instead of reading
    /// that the link failed. The link's holder is the signatory, who already has this number by email.
    /// </summary>
    public async Task<string?> ExecutedNumberAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }
        var hash = Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.SignatureRequests.AsNoTracking()
            .Where(r => r.TokenHash == hash && r.Kind == AgreementKind.Dpa && r.CompletedAtUtc != null && r.ExpiresAtUtc > now)
            .Join(db.Agreements, r => r.AgreementId, a => a.Id, (_, a) => a.Number)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Signs from the link. Only the browser that entered a code emailed to the request's address may sign: it presents
    /// the secret (<paramref name="browserSecret"/>, from its cookie) that verifying the code gave it.
    /// </summary>
    public async Task<ExecutionResult> SignAsync(string? token, DpaSignature signature, string? browserSecret, string? ipAddress, string? userAgent,
        CancellationToken cancellationToken = default)
    {
        var pending = await FindAsync(token, cancellationToken);
        if (pending is null)
        {
            return ExecutionResult.Invalid("This signing link is not valid: it may have been used already or have expired.");
        }
        if (await codes.VerifiedCodeIdAsync(pending.RequestId, browserSecret, cancellationToken) is not { } codeId)
        {
            return ExecutionResult.Invalid(CodeRequired);
        }
        var errors = DpaRules.Validate(pending.Draft, signature);
        if (errors.Count > 0)
        {
            return ExecutionResult.Invalid(errors);
        }
        if (limiter.TryAcquire($"link:{pending.RequestId}") is { } tooMany)
        {
            return ExecutionResult.Invalid(tooMany);
        }
        var signer = new Signer(null, pending.Draft.SignatoryEmail.Trim(), ipAddress, userAgent);
        try
        {
            var copyToken = SignatoryCopies.NewSecret();
            var result = await dpa.ExecuteCoreAsync(pending.OrganizationId, pending.Draft, signature, signer, new LinkSigning(pending.RequestId, copyToken, codeId), cancellationToken);
            return result.Succeeded ? result with { SignatoryCopyPath = SignatoryCopies.PathFor(copyToken) } : result;
        }
        catch (DbUpdateConcurrencyException)
        {
            return ExecutionResult.Invalid("This signing link has already been used.");
        }
    }

    public const string CodeRequired =
        "Confirm your email address before signing: request a code, then enter the six digits we email you. Nothing was signed.";

    private static string Hash(string token) => SecretTokens.Hash(token);
}

/// <summary>A prepared DPA waiting for its signatory.</summary>
public sealed record PendingSignature(Guid RequestId, Guid OrganizationId, string RequestedByName, string RequestedByEmail, DateTime ExpiresAtUtc, DpaDraft Draft);
