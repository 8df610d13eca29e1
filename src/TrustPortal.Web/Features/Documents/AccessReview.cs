using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.Email;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Documents;

public enum AccessQueueView
{
    Waiting,
    Granted,
    Ended,
}

/// <summary>One viewer in Sales' access queue.</summary>
public sealed record AccessQueueRow(
    Guid Id,
    string Email,
    string Name,
    string Company,
    string Domain,
    AccessStatus Status,
    DateTime RequestedAtUtc,
    DateTime? DecidedAtUtc,
    string? DecidedBy,
    string? DecisionReason,
    DateTime? GrantExpiresAtUtc,
    DateTime? NdaAcceptedAtUtc);

/// <summary>
/// Sales decide on viewers' access, one or many at once: approve, deny (with a reason), revoke (with a reason) and
/// renew. Each change is audited and, where it concerns them, emailed to the viewer.
/// </summary>
public sealed class AccessReview(
    IDbContextFactory<AppDbContext> dbFactory,
    CurrentUser currentUser,
    ViewerAccess access,
    AuditTrail audit,
    EmailOutbox outbox,
    PublicUrls urls,
    IOptions<DocumentOptions> options,
    TimeProvider clock)
{
    public const int MaxBatch = 200;

    public async Task<List<AccessQueueRow>> ListAsync(AccessQueueView view, string? search = null, CancellationToken cancellationToken = default)
    {
        await RequireReviewerAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Only proven addresses reach the queue: a form anyone can fill in must not fill Sales' queue.
        var query = db.TrustViewers.AsNoTracking().Where(v => v.LastSignInAtUtc != null);
        query = view switch
        {
            AccessQueueView.Waiting => query.Where(v => v.Status == AccessStatus.Pending),
            AccessQueueView.Granted => query.Where(v => v.Status == AccessStatus.Granted && v.GrantExpiresAtUtc > now),
            _ => query.Where(v => v.Status == AccessStatus.Denied || v.Status == AccessStatus.Revoked || (v.Status == AccessStatus.Granted && v.GrantExpiresAtUtc <= now)),
        };
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = SearchPattern.Contains(search);
            query = query.Where(v => SearchText.Like(v.Email, pattern) || SearchText.Like(v.Company, pattern) || SearchText.Like(v.Name, pattern));
        }
        query = view == AccessQueueView.Waiting ? query.OrderBy(v => v.RequestedAtUtc) : query.OrderByDescending(v => v.DecidedAtUtc);
        return await query.Take(500)
            .Select(v => new AccessQueueRow(v.Id, v.Email, v.Name, v.Company, v.Domain, v.Status, v.RequestedAtUtc, v.DecidedAtUtc, v.DecidedBy,
                v.DecisionReason, v.GrantExpiresAtUtc, v.NdaAcceptedAtUtc))
            .ToListAsync(cancellationToken);
    }

    public Task<FormOutcome> ApproveAsync(IReadOnlyCollection<Guid> ids, string? note, CancellationToken cancellationToken = default) =>
        ChangeAsync(ids, note, reasonRequired: false, v => v.Status == AccessStatus.Pending, "access.granted", "approved", cancellationToken);

    public Task<FormOutcome> DenyAsync(IReadOnlyCollection<Guid> ids, string? reason, CancellationToken cancellationToken = default) =>
        ChangeAsync(ids, reason, reasonRequired: true, v => v.Status == AccessStatus.Pending, "access.denied", "denied", cancellationToken);

    public Task<FormOutcome> RevokeAsync(IReadOnlyCollection<Guid> ids, string? reason, CancellationToken cancellationToken = default) =>
        ChangeAsync(ids, reason, reasonRequired: true, v => v.Status == AccessStatus.Granted, "access.revoked", "revoked", cancellationToken);

    /// <summary>A new grant period from now, for a grant that is current, expired or revoked.</summary>
    public Task<FormOutcome> RenewAsync(IReadOnlyCollection<Guid> ids, string? note, CancellationToken cancellationToken = default) =>
        ChangeAsync(ids, note, reasonRequired: false, v => v.Status is AccessStatus.Granted or AccessStatus.Revoked, "access.renewed", "renewed", cancellationToken);

    private async Task<FormOutcome> ChangeAsync(IReadOnlyCollection<Guid> ids, string? reason, bool reasonRequired, Func<TrustViewer, bool> applies,
        string action, string verb, CancellationToken cancellationToken)
    {
        await RequireReviewerAsync();
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (ids.Count == 0)
        {
            return FormOutcome.Invalid("Select at least one person first.");
        }
        if (ids.Count > MaxBatch)
        {
            return FormOutcome.Invalid($"Select at most {MaxBatch} people at once.");
        }
        if (reasonRequired && reason is null)
        {
            return FormOutcome.Invalid($"Give a reason: the people {verb} are told it.");
        }
        if (reason is { Length: > DocumentRules.ReasonMaxLength })
        {
            return FormOutcome.Invalid($"The reason can be at most {DocumentRules.ReasonMaxLength} characters.");
        }
        if (reason is not null && !new PlainTextAttribute { AllowLineBreaks = true }.IsValid(reason))
        {
            return FormOutcome.Invalid("The reason contains characters that cannot be shown.");
        }

        var me = await currentUser.GetAsync() ?? throw new UnauthorizedAccessException();
        var actor = await currentUser.GetActorAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var distinct = ids.Distinct().ToList();
        var viewers = await db.TrustViewers.Where(v => distinct.Contains(v.Id) && v.LastSignInAtUtc != null).ToListAsync(cancellationToken);
        var changing = viewers.Where(applies).ToList();
        if (changing.Count != distinct.Count)
        {
            return FormOutcome.Invalid($"{distinct.Count - changing.Count} of the selected people cannot be {verb} any more (someone else may have decided first). Nothing was changed; reload and try again.");
        }
        foreach (var viewer in changing)
        {
            var decidedBy = string.IsNullOrWhiteSpace(me.DisplayName) ? me.Email : me.DisplayName;
            switch (action)
            {
                case "access.granted" or "access.renewed":
                    access.Grant(viewer, decidedBy, me.Id, reason, now);
                    break;
                case "access.denied":
                    viewer.Status = AccessStatus.Denied;
                    Decide(viewer, decidedBy, me.Id, reason, now);
                    break;
                default:
                    viewer.Status = AccessStatus.Revoked;
                    Decide(viewer, decidedBy, me.Id, reason, now);
                    break;
            }
            audit.Record(db, actor, action, nameof(TrustViewer), viewer.Id.ToString(),
                new { viewer.Email, viewer.Domain, reason, expiresAtUtc = viewer.GrantExpiresAtUtc, automatic = false });
            Notify(db, viewer, action);
            if (action is "access.granted" or "access.renewed")
            {
                AccessWebhook.Raise(db, viewer, automatic: false, renewed: action == "access.renewed", now);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return FormOutcome.Ok();
    }

    private static void Decide(TrustViewer viewer, string decidedBy, string userId, string? reason, DateTime now)
    {
        viewer.DecidedAtUtc = now;
        viewer.DecidedBy = decidedBy;
        viewer.DecidedByUserId = userId;
        viewer.DecisionReason = reason;
    }

    private void Notify(AppDbContext db, TrustViewer viewer, string action)
    {
        var link = urls.Absolute("/documents");
        var until = viewer.GrantExpiresAtUtc?.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var (subject, text) = action switch
        {
            "access.granted" => ($"Your access to {outbox.VendorName}'s documents is approved",
                $"Hello,\n\nYour request to read {outbox.VendorName}'s trust center documents is approved until {until}. Open them here:\n{link}"
                + (viewer.DecisionReason is { } note ? $"\n\nNote from our team: {note}" : "")),
            "access.renewed" => ($"Your access to {outbox.VendorName}'s documents is renewed",
                $"Hello,\n\nYour access to {outbox.VendorName}'s trust center documents now lasts until {until}:\n{link}"),
            "access.denied" => ($"Your request for {outbox.VendorName}'s documents",
                $"Hello,\n\nWe cannot give you access to {outbox.VendorName}'s non-public documents at this time.\n\nReason: {viewer.DecisionReason}\n\n"
                + $"The public documents stay available at {link}"),
            _ => ($"Your access to {outbox.VendorName}'s documents has ended",
                $"Hello,\n\nYour access to {outbox.VendorName}'s non-public trust center documents has ended.\n\nReason: {viewer.DecisionReason}"),
        };
        outbox.Enqueue(db, viewer.Email, subject, text);
    }

    private async Task RequireReviewerAsync()
    {
        if (!await currentUser.IsInRoleAsync(Roles.Sales) && !await currentUser.IsInRoleAsync(Roles.Admin))
        {
            throw new UnauthorizedAccessException("Only Sales and Admins decide on document access.");
        }
    }

    public int GrantDays => options.Value.GrantDays;
}
