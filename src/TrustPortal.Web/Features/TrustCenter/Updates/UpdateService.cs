using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.Email;
using TrustPortal.Web.Features.TrustCenter.Subscriptions;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.TrustCenter.Updates;

/// <summary>
/// Posts on /updates: staff (Admin, Legal) publish security notices, incidents and maintenance; publishing the
/// subprocessor list writes its own post. Each publication emails the confirmed subscribers who chose its category, in
/// the same commit as the post (through the outbox), so a post is never public without its emails queued.
/// </summary>
public sealed class UpdateService(
    IDbContextFactory<AppDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    EmailOutbox outbox,
    PublicUrls urls,
    SubscriptionService subscriptions,
    IOptions<VendorOptions> vendor,
    TimeProvider clock)
{
    /// <summary>How many posts the page and the feeds show.</summary>
    public const int Latest = 50;

    public const string NotAllowed = "Only administrators and legal staff can publish updates.";

    public async Task<(FormResult Result, Guid? Id)> PublishAsync(UpdateInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!await currentUser.IsInRoleAsync(Roles.Admin) && !await currentUser.IsInRoleAsync(Roles.Legal))
        {
            return (FormResult.Fail(NotAllowed), null);
        }
        if (UpdateRules.Problems(input) is { Count: > 0 } problems)
        {
            return (FormResult.Invalid(problems), null);
        }
        var actor = await currentUser.GetActorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var post = new UpdatePost
        {
            Category = input.Category!.Value,
            Title = input.Title!.Trim(),
            Body = input.Body!.Trim(),
            PublishedAtUtc = clock.GetUtcNow().UtcDateTime,
            PublishedBy = actor.Name,
        };
        db.UpdatePosts.Add(post);
        post.Emailed = await EmailSubscribersAsync(db, post, cancellationToken);
        audit.Record(db, actor, "update.published", nameof(UpdatePost), post.Id.ToString(), new { category = post.Category.Slug(), post.Title, post.Emailed });
        await db.SaveChangesAsync(cancellationToken);
        return (FormResult.Ok(), post.Id);
    }

    /// <summary>
    /// The post that publishing subprocessor list version <paramref name="version"/> writes, in the caller's unit of
    /// work. Its subscribers get the subprocessor notice itself, so this post emails no one.
    /// </summary>
    public static UpdatePost ForSubprocessorList(AppDbContext db, int version, string summary, string changes, string publishedBy, DateTime publishedAtUtc)
    {
        ArgumentNullException.ThrowIfNull(db);
        var post = new UpdatePost
        {
            Category = UpdateCategory.SubprocessorChange,
            Title = $"Subprocessor list updated (version {version})",
            Body = $"{summary}\n\nThe changes:\n{changes}",
            PublishedAtUtc = publishedAtUtc,
            PublishedBy = publishedBy,
        };
        db.UpdatePosts.Add(post);
        return post;
    }

    public async Task<IReadOnlyList<UpdatePost>> ListAsync(UpdateCategory? category = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var posts = db.UpdatePosts.AsNoTracking();
        if (category is { } only)
        {
            posts = posts.Where(p => p.Category == only);
        }
        return await posts.OrderByDescending(p => p.PublishedAtUtc).ThenByDescending(p => p.Id).Take(Latest).ToListAsync(cancellationToken);
    }

    public async Task<UpdatePost?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.UpdatePosts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
    }

    public static string PathFor(Guid id) => $"/updates/{id}";

    private async Task<int> EmailSubscribersAsync(AppDbContext db, UpdatePost post, CancellationToken cancellationToken)
    {
        var flag = post.Category.Flag();
        var subscribers = await db.SubprocessorSubscriptions
            .Where(s => s.ConfirmedAtUtc != null && s.UnsubscribedAtUtc == null && (s.Categories & flag) == flag)
            .Select(s => new { s.Id, s.Email })
            .ToListAsync(cancellationToken);
        var subject = $"{post.Category.DisplayName()}: {post.Title}";
        foreach (var subscriber in subscribers)
        {
            outbox.Enqueue(db, subscriber.Email, subject,
                $"Hello,\n\n{vendor.Value.Name} published an update ({post.Category.DisplayName().ToLowerInvariant()}) on {post.PublishedAtUtc:yyyy-MM-dd HH:mm} UTC.\n\n"
                + $"{post.Title}\n\n{post.Body}\n\nRead it online:\n{urls.Absolute(PathFor(post.Id))}\n\n"
                + $"You get this email because you subscribed to {vendor.Value.Name} trust center updates. To stop them, open:\n{subscriptions.UnsubscribeLink(subscriber.Id)}");
        }
        return subscribers.Count;
    }
}
