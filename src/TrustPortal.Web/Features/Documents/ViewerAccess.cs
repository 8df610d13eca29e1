using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.Email;
using TrustPortal.Web.Features.SignIn;
using TrustPortal.Web.Features.Soc2;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Documents;

/// <summary>
/// Passwordless access for prospects: a work email gets a single-use sign-in link; signing in with it proves the
/// address, makes the person a viewer, and either grants access at once (<see cref="AccessRules"/>) or puts the
/// request in Sales' queue.
/// </summary>
public sealed class ViewerAccess(
    IDbContextFactory<AppDbContext> dbFactory,
    ILookupNormalizer normalizer,
    EmailFormLimit emailLimit,
    EmailOutbox outbox,
    PublicUrls urls,
    AuditTrail audit,
    IOptions<DocumentOptions> options,
    TimeProvider clock,
    ILogger<ViewerAccess> logger)
{
    public const string SignInPath = "/documents/signin";
    private const int MaxTokenLength = 100;

    /// <summary>
    /// Checks the address and emails a sign-in link. Refuses malformed and free-mail addresses with a message; for any
    /// other address the caller shows the same answer whatever happened, so the form tells nobody who is known.
    /// </summary>
    public async Task<FormOutcome> RequestLinkAsync(AccessRequestForm form, CancellationToken cancellationToken = default)
    {
        var errors = FormValidation.Validate(form);
        var domain = DocumentRules.DomainOf(form.Email);
        if (domain is null && !errors.Any(e => e.MemberNames.Contains(nameof(AccessRequestForm.Email))))
        {
            errors.Add(new(AccessRequestForm.EmailMessage, [nameof(AccessRequestForm.Email)]));
        }
        else if (domain is not null && options.Value.FreeMail().Contains(domain))
        {
            errors.Add(new($"Use your work email address: we do not give access to addresses at {domain}, which anyone can create.", [nameof(AccessRequestForm.Email)]));
        }
        if (errors.Count > 0)
        {
            return FormOutcome.Invalid(errors);
        }
        var email = form.Email.Trim();
        if (await emailLimit.TryAcquireAsync(email, cancellationToken) is { } wait)
        {
            return FormOutcome.Invalid(EmailFormLimit.Message(wait));
        }

        var normalized = normalizer.NormalizeEmail(email) ?? email.ToUpperInvariant();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, cancellationToken))
        {
            // Someone with an account reads the documents signed in; a second identity would split their history.
            outbox.Enqueue(db, email, $"Sign in to read {outbox.VendorName}'s documents",
                $"Hello,\n\nYou asked for access to {outbox.VendorName}'s trust center documents. This address already has an account, "
                + $"so sign in with it and open the documents there:\n{urls.Absolute("/Account/Login?ReturnUrl=%2Fdocuments")}\n\n"
                + "If you did not ask, you can ignore this message.");
            await db.SaveChangesAsync(cancellationToken);
            return FormOutcome.Ok();
        }

        var viewer = await db.TrustViewers.FirstOrDefaultAsync(v => v.NormalizedEmail == normalized, cancellationToken);
        if (viewer is null)
        {
            viewer = new TrustViewer { Email = email, NormalizedEmail = normalized, Domain = domain!, CreatedAtUtc = now, Status = AccessStatus.Pending, RequestedAtUtc = now };
            db.TrustViewers.Add(viewer);
        }
        // Until the address is proven, what the form says about the person is only a suggestion for an unproven row.
        if (viewer.LastSignInAtUtc is null)
        {
            viewer.Name = form.Name?.Trim() ?? "";
            viewer.Company = form.Company?.Trim() ?? "";
        }
        var settings = options.Value;
        await db.TrustViewerLinks.Where(l => l.ExpiresAtUtc < now - TimeSpan.FromDays(1)).ExecuteDeleteAsync(cancellationToken);
        var token = SecretTokens.New();
        db.TrustViewerLinks.Add(new TrustViewerLink { ViewerId = viewer.Id, TokenHash = SecretTokens.Hash(token), CreatedAtUtc = now, ExpiresAtUtc = now + settings.LinkLifetime });
        var minutes = (int)Math.Round(settings.LinkLifetime.TotalMinutes);
        outbox.Enqueue(db, email, $"Your link to {outbox.VendorName}'s trust center documents",
            $"Hello,\n\nUse this link to open {outbox.VendorName}'s trust center documents. It works once, within {minutes} minutes:\n"
            + $"{urls.Absolute(SignInPath)}?token={token}\n\n"
            + "If you did not ask for it, you can ignore this message: nothing happens unless the link is opened.");
        await db.SaveChangesAsync(cancellationToken);
        return FormOutcome.Ok();
    }

    /// <summary>Whether the token names a link that still works; does not use it up.</summary>
    public async Task<bool> IsUsableAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!IsWellFormed(token))
        {
            return false;
        }
        var hash = SecretTokens.Hash(token!);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.TrustViewerLinks.AnyAsync(l => l.TokenHash == hash && l.UsedAtUtc == null && l.ExpiresAtUtc > now, cancellationToken);
    }

    /// <summary>
    /// Uses the link up and signs the browser in as its viewer. The first sign-in proves the address: access is granted
    /// at once when a rule allows it, or the request joins Sales' queue. Null when the link does not work.
    /// </summary>
    public async Task<TrustViewer?> SignInAsync(HttpContext context, string? token, CancellationToken cancellationToken = default)
    {
        if (!IsWellFormed(token))
        {
            return null;
        }
        var hash = SecretTokens.Hash(token!);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Only one request can move UsedAtUtc off null, however many click at once on however many instances.
        var claimed = await db.TrustViewerLinks
            .Where(l => l.TokenHash == hash && l.UsedAtUtc == null && l.ExpiresAtUtc > now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAtUtc, now), cancellationToken);
        if (claimed != 1)
        {
            return null;
        }
        var viewerId = await db.TrustViewerLinks.Where(l => l.TokenHash == hash).Select(l => l.ViewerId).FirstAsync(cancellationToken);
        var viewer = await db.TrustViewers.FirstAsync(v => v.Id == viewerId, cancellationToken);
        var firstSignIn = viewer.LastSignInAtUtc is null;
        viewer.LastSignInAtUtc = now;
        var actor = new AuditActor(null, viewer.Email, context.Connection.RemoteIpAddress?.ToString());
        if (firstSignIn)
        {
            viewer.RequestedAtUtc = now;
            audit.Record(db, actor, "access.requested", nameof(TrustViewer), viewer.Id.ToString(), new { viewer.Email, viewer.Domain, viewer.Company });
        }
        var expired = viewer.Status == AccessStatus.Granted && viewer.GrantExpiresAtUtc <= now;
        if (viewer.Status == AccessStatus.Pending || expired)
        {
            if (await AccessRules.AutomaticReasonAsync(db, viewer.Domain, cancellationToken) is { } reason)
            {
                Grant(viewer, AccessRules.AutomaticDecider, null, reason, now);
                audit.Record(db, actor, "access.granted", nameof(TrustViewer), viewer.Id.ToString(), new { viewer.Email, reason, expiresAtUtc = viewer.GrantExpiresAtUtc, automatic = true });
                AccessWebhook.Raise(db, viewer, automatic: true, renewed: expired, now);
            }
            else if (firstSignIn || expired)
            {
                viewer.Status = AccessStatus.Pending;
                viewer.RequestedAtUtc = now;
                await outbox.EnqueueToRoleAsync(db, Roles.Sales, $"Document access requested by {viewer.Email}",
                    $"{Describe(viewer)} asked for access to the trust center documents.\n\nApprove or deny it in the access queue:\n"
                    + urls.Absolute("/sales/access"), cancellationToken);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await ViewerSession.SignInAsync(context, viewer.Id, viewer.Email);
        logger.LogInformation("Viewer {ViewerId} signed in; access {Status}.", viewer.Id, viewer.Status);
        return viewer;
    }

    /// <summary>Records the viewer's acceptance of the current NDA; only a viewer with access may accept it.</summary>
    public async Task<FormOutcome> AcceptNdaAsync(Guid viewerId, NdaSignature signature, string? ipAddress, CancellationToken cancellationToken = default)
    {
        var errors = FormValidation.Validate(signature);
        if (errors.Count > 0)
        {
            return FormOutcome.Invalid(errors);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var viewer = await db.TrustViewers.FirstOrDefaultAsync(v => v.Id == viewerId, cancellationToken);
        if (viewer is null || !viewer.HasAccessAt(now))
        {
            return FormOutcome.Invalid("Your access to the documents has to be granted before you can accept the NDA.");
        }
        viewer.NdaVersion = NdaText.Version;
        viewer.NdaSha256 = NdaText.Sha256;
        viewer.NdaTypedName = signature.TypedName.Trim();
        viewer.NdaAcceptedAtUtc = now;
        viewer.NdaIpAddress = ipAddress;
        if (string.IsNullOrWhiteSpace(viewer.Name))
        {
            viewer.Name = viewer.NdaTypedName;
        }
        audit.Record(db, new AuditActor(null, viewer.Email, ipAddress), "nda.accepted", nameof(TrustViewer), viewer.Id.ToString(),
            new { ndaVersion = NdaText.Version, ndaSha256 = NdaText.Sha256, typedName = viewer.NdaTypedName, viewer.Domain });
        await db.SaveChangesAsync(cancellationToken);
        return FormOutcome.Ok();
    }

    internal void Grant(TrustViewer viewer, string decidedBy, string? decidedByUserId, string? reason, DateTime now)
    {
        viewer.Status = AccessStatus.Granted;
        viewer.DecidedAtUtc = now;
        viewer.DecidedBy = decidedBy;
        viewer.DecidedByUserId = decidedByUserId;
        viewer.DecisionReason = reason;
        viewer.GrantExpiresAtUtc = now.AddDays(Math.Max(1, options.Value.GrantDays));
    }

    internal static string Describe(TrustViewer viewer) =>
        string.Join(", ", new[] { viewer.Name, viewer.Company, viewer.Email }.Where(s => !string.IsNullOrWhiteSpace(s)));

    private static bool IsWellFormed(string? token) => !string.IsNullOrWhiteSpace(token) && token.Length <= MaxTokenLength;

}
