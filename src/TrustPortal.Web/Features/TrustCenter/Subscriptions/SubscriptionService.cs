using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Email;
using TrustPortal.Web.Features.Organizations;
using TrustPortal.Web.Features.TrustCenter.Updates;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Features.TrustCenter.Subscriptions;

public enum SubscriptionOutcome { Confirmed, Unsubscribed, InvalidLink }

/// <summary>
/// Double opt-in subscriptions to trust center updates (subprocessor changes, security notices, incidents, maintenance),
/// by the categories the subscriber chose. Anonymous by design: the emailed, signed links are the only
/// credential, and the answer to a subscribe request never says whether the address was already on the list.
/// </summary>
public sealed class SubscriptionService(
    IDbContextFactory<AppDbContext> dbFactory,
    SubscriptionTokens tokens,
    EmailOutbox outbox,
    PublicUrls urls,
    IOptions<VendorOptions> vendor,
    TimeProvider clock)
{
    public const string ConfirmSubject = "Confirm your subscription to trust center updates";

    public const string NoCategory = "Choose at least one kind of update.";

    /// <summary>One confirmation email per address in this interval, so the form cannot be used to flood a mailbox.</summary>
    public static readonly TimeSpan ResendInterval = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Asks <paramref name="email"/> to confirm a subscription to <paramref name="categories"/> (subprocessor changes
    /// when null, as the form did before categories). The categories take effect only when the emailed link is
    /// confirmed, so nobody can change what someone else receives.
    /// </summary>
    public async Task<Result> SubscribeAsync(string? email, UpdateCategories? categories = null, CancellationToken cancellationToken = default)
    {
        if (OrganizationRules.ValidateEmail(email) is { } error)
        {
            return Result.Fail(error);
        }
        var requested = (categories ?? UpdateCategories.SubprocessorChanges) & UpdateCategories.All;
        if (requested == UpdateCategories.None)
        {
            return Result.Fail(NoCategory);
        }
        var address = email!.Trim();
        var normalized = address.ToUpperInvariant();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subscription = await db.SubprocessorSubscriptions.FirstOrDefaultAsync(s => s.NormalizedEmail == normalized, cancellationToken);
        if (subscription is { ConfirmedAtUtc: not null, UnsubscribedAtUtc: null } && subscription.Categories == requested)
        {
            // Already receiving notices: nothing to do, and the caller gets the same answer as a new subscriber.
            return Result.Ok();
        }
        if (subscription is null)
        {
            subscription = new SubprocessorSubscription { Email = address, NormalizedEmail = normalized, CreatedAtUtc = now, Categories = requested };
            db.SubprocessorSubscriptions.Add(subscription);
        }
        else
        {
            var since = now - ResendInterval;
            var sentSubject = outbox.Subject(ConfirmSubject);
            if (await db.OutboxMessages.AnyAsync(m => m.To == subscription.Email && m.Subject == sentSubject && m.CreatedAtUtc > since, cancellationToken))
            {
                return Result.Ok();
            }
        }
        // A former subscriber stays unsubscribed until they confirm again: a stranger cannot re-subscribe them.
        subscription.RequestedCategories = requested;
        var link = urls.Absolute("/subprocessors/confirm?token=" + Uri.EscapeDataString(tokens.ForConfirmation(subscription.Id)));
        outbox.Enqueue(db, subscription.Email, ConfirmSubject,
            $"Hello,\n\nSomeone, hopefully you, asked to be told by email when {vendor.Value.Name} publishes these trust center updates: "
            + $"{Describe(requested)}.\n\nTo confirm, open this link within {SubscriptionTokens.ConfirmLifetime.TotalDays:0} days:\n{link}\n\n"
            + "If you did not ask for this, ignore this email and you will not hear from us again.");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same address submitted twice at once: the other request created the row and sent the email.
        }
        return Result.Ok();
    }

    public async Task<SubscriptionOutcome> ConfirmAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (tokens.ReadConfirmation(token) is not { } id)
        {
            return SubscriptionOutcome.InvalidLink;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subscription = await db.SubprocessorSubscriptions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null)
        {
            return SubscriptionOutcome.InvalidLink;
        }
        if (subscription.ConfirmedAtUtc is null || subscription.UnsubscribedAtUtc is not null || subscription.RequestedCategories is not null)
        {
            subscription.ConfirmedAtUtc = clock.GetUtcNow().UtcDateTime;
            subscription.UnsubscribedAtUtc = null;
            subscription.Categories = subscription.RequestedCategories ?? subscription.Categories;
            subscription.RequestedCategories = null;
            await db.SaveChangesAsync(cancellationToken);
        }
        return SubscriptionOutcome.Confirmed;
    }

    /// <summary>Whether an unsubscribe link is genuine, so the page can say so before the visitor presses the button.</summary>
    public bool IsValidUnsubscribeLink(string? token) => tokens.ReadUnsubscribe(token) is not null;

    public bool IsValidConfirmationLink(string? token) => tokens.ReadConfirmation(token) is not null;

    public async Task<SubscriptionOutcome> UnsubscribeAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (tokens.ReadUnsubscribe(token) is not { } id)
        {
            return SubscriptionOutcome.InvalidLink;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subscription = await db.SubprocessorSubscriptions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null)
        {
            return SubscriptionOutcome.InvalidLink;
        }
        if (subscription.UnsubscribedAtUtc is null)
        {
            subscription.UnsubscribedAtUtc = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }
        return SubscriptionOutcome.Unsubscribed;
    }

    /// <summary>"subprocessor changes, security notices and incidents".</summary>
    public static string Describe(UpdateCategories categories)
    {
        var names = new List<string>();
        if (categories.HasFlag(UpdateCategories.SubprocessorChanges)) { names.Add("subprocessor changes"); }
        if (categories.HasFlag(UpdateCategories.SecurityNotices)) { names.Add("security notices"); }
        if (categories.HasFlag(UpdateCategories.Incidents)) { names.Add("incidents"); }
        if (categories.HasFlag(UpdateCategories.Maintenance)) { names.Add("maintenance"); }
        return names.Count <= 1 ? string.Concat(names) : string.Join(", ", names[..^1]) + " and " + names[^1];
    }

    /// <summary>The link every notice carries.</summary>
    public string UnsubscribeLink(Guid subscriptionId) =>
        urls.Absolute("/subprocessors/unsubscribe?token=" + Uri.EscapeDataString(tokens.ForUnsubscribe(subscriptionId)));
}
