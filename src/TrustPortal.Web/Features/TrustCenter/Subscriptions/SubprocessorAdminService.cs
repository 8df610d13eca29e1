using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.Email;
using TrustPortal.Web.Features.TrustCenter.Updates;
using TrustPortal.Web.Features.Webhooks;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.TrustCenter.Subscriptions;

/// <summary>
/// Admin maintenance of the subprocessor list. Adding, editing and removing save drafts that change nothing public;
/// publishing applies every draft at once (a new subprocessor starts processing only after the DPA's objection period),
/// records the numbered version with what changed, and notifies subscribers and DPA signatories.
/// </summary>
public sealed class SubprocessorAdminService(
    IDbContextFactory<AppDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    EmailOutbox outbox,
    PublicUrls urls,
    SubscriptionService subscriptions,
    TrustCenterService trustCenter,
    IDpaSignatories dpaSignatories,
    IOptions<VendorOptions> vendor,
    TimeProvider clock)
{
    private const string NotAdmin = "Only administrators can change the subprocessor list.";
    private const string Raced = "Someone else changed or published the list at the same time. Reload the page to see the list as it is now.";
    private const int HistoryLength = 10;

    public async Task<SubprocessorAdminOverview> GetOverviewAsync(CancellationToken cancellationToken = default)
    {
        if (!await currentUser.IsInRoleAsync(Roles.Admin))
        {
            throw new UnauthorizedAccessException(NotAdmin);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var live = await db.Subprocessors.AsNoTracking()
            .OrderBy(s => s.RemovedOn != null).ThenBy(s => s.Name)
            .ToListAsync(cancellationToken);
        var drafts = await db.SubprocessorChanges.AsNoTracking().Where(c => c.VersionId == null).ToListAsync(cancellationToken);
        var draftFor = drafts.Where(d => d.SubprocessorId is not null).ToDictionary(d => d.SubprocessorId!.Value);
        var rows = live.Where(s => s.RemovedOn is null).Select(s => new SubprocessorRow(s, draftFor.GetValueOrDefault(s.Id)))
            .Concat(drafts.Where(d => d.Kind == SubprocessorChangeKind.Added).Select(d => new SubprocessorRow(null, d)))
            .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var history = await db.SubprocessorListVersions.AsNoTracking()
            .Include(v => v.Changes)
            .OrderByDescending(v => v.Number)
            .Take(HistoryLength)
            .ToListAsync(cancellationToken);
        var subscribers = await ActiveSubscribers(db).CountAsync(cancellationToken);
        var organizations = await dpaSignatories.CountOrganizationsAsync(db, cancellationToken);
        var days = dpaSignatories.ObjectionDays;
        return new SubprocessorAdminOverview(rows, live.Where(s => s.RemovedOn is not null).ToList(), drafts.Count, history,
            subscribers, organizations, days, Today().AddDays(days));
    }

    /// <summary>Saves an addition or an edit as a draft; the public list is unchanged until the next publish.</summary>
    public async Task<FormResult> SaveAsync(SubprocessorInput input, CancellationToken cancellationToken = default)
    {
        if (!await currentUser.IsInRoleAsync(Roles.Admin))
        {
            return FormResult.Fail(NotAdmin);
        }
        var errors = SubprocessorRules.Validate(input);
        if (errors.Count > 0)
        {
            return FormResult.Invalid(errors);
        }
        var actor = await currentUser.GetActorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var proposed = new SubprocessorInput
        {
            Id = input.Id,
            DraftId = input.DraftId,
            Name = input.Name!.Trim(),
            Purpose = input.Purpose!.Trim(),
            Location = input.Location!.Trim(),
            DataCategories = input.DataCategories!.Trim(),
            Website = string.IsNullOrWhiteSpace(input.Website) ? null : input.Website.Trim(),
        };
        if (await NameTakenAsync(db, proposed, cancellationToken))
        {
            return FormResult.Invalid(new Dictionary<string, string> { [nameof(SubprocessorInput.Name)] = $"{proposed.Name} is already on the list." });
        }

        SubprocessorChange? draft;
        if (input.Id is { } id)
        {
            var subprocessor = await db.Subprocessors.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.RemovedOn == null, cancellationToken);
            if (subprocessor is null)
            {
                return FormResult.Fail("This subprocessor is no longer on the list. Reload the page.");
            }
            draft = await db.SubprocessorChanges.FirstOrDefaultAsync(c => c.SubprocessorId == id && c.VersionId == null, cancellationToken);
            if (draft?.Kind == SubprocessorChangeKind.Removed)
            {
                return FormResult.Fail($"{subprocessor.Name} is about to be removed. Undo the removal before editing it.");
            }
            if (SameAs(subprocessor, proposed))
            {
                // Edited back to what the public list says: nothing left to announce.
                if (draft is not null)
                {
                    db.SubprocessorChanges.Remove(draft);
                    audit.Record(db, actor, "subprocessors.draft_discarded", nameof(SubprocessorChange), draft.Id.ToString(CultureInfo.InvariantCulture),
                        new { draft.Kind, draft.Name });
                }
                return await SaveDraftsAsync(db, cancellationToken);
            }
            if (draft is null)
            {
                draft = new SubprocessorChange { Kind = SubprocessorChangeKind.Changed, SubprocessorId = id };
                db.SubprocessorChanges.Add(draft);
            }
        }
        else if (input.DraftId is { } draftId)
        {
            draft = await db.SubprocessorChanges.FirstOrDefaultAsync(c => c.Id == draftId && c.VersionId == null && c.Kind == SubprocessorChangeKind.Added, cancellationToken);
            if (draft is null)
            {
                return FormResult.Fail("This draft has been published or discarded meanwhile. Reload the page.");
            }
        }
        else
        {
            draft = new SubprocessorChange { Kind = SubprocessorChangeKind.Added };
            db.SubprocessorChanges.Add(draft);
        }
        draft.Name = proposed.Name!;
        draft.Purpose = proposed.Purpose!;
        draft.Location = proposed.Location!;
        draft.DataCategories = proposed.DataCategories!;
        draft.Website = proposed.Website;
        draft.SavedAtUtc = clock.GetUtcNow().UtcDateTime;
        draft.SavedBy = actor.Name;
        draft.Stamp = Guid.NewGuid();
        audit.Record(db, actor, "subprocessors.draft_saved", nameof(Subprocessor), (draft.SubprocessorId ?? 0).ToString(CultureInfo.InvariantCulture),
            new { Kind = draft.Kind.ToString(), draft.Name, draft.Purpose, draft.Location, draft.DataCategories, draft.Website });
        return await SaveDraftsAsync(db, cancellationToken);
    }

    /// <summary>Drafts the removal of a subprocessor; it leaves the public list when the change is published.</summary>
    public async Task<Result> RemoveAsync(int id, CancellationToken cancellationToken = default)
    {
        if (!await currentUser.IsInRoleAsync(Roles.Admin))
        {
            return Result.Fail(NotAdmin);
        }
        var actor = await currentUser.GetActorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subprocessor = await db.Subprocessors.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subprocessor is null)
        {
            return Result.Fail("This subprocessor no longer exists. Reload the page.");
        }
        if (subprocessor.RemovedOn is not null)
        {
            return Result.Ok();
        }
        var draft = await db.SubprocessorChanges.FirstOrDefaultAsync(c => c.SubprocessorId == id && c.VersionId == null, cancellationToken);
        if (draft is null)
        {
            draft = new SubprocessorChange { SubprocessorId = id };
            db.SubprocessorChanges.Add(draft);
        }
        // A pending edit is dropped: the notice names the entry as the public knows it.
        draft.Kind = SubprocessorChangeKind.Removed;
        draft.Name = subprocessor.Name;
        draft.Purpose = subprocessor.Purpose;
        draft.Location = subprocessor.Location;
        draft.DataCategories = subprocessor.DataCategories;
        draft.Website = subprocessor.Website;
        draft.SavedAtUtc = clock.GetUtcNow().UtcDateTime;
        draft.SavedBy = actor.Name;
        draft.Stamp = Guid.NewGuid();
        audit.Record(db, actor, "subprocessors.removal_drafted", nameof(Subprocessor), id.ToString(CultureInfo.InvariantCulture), new { subprocessor.Name });
        var saved = await SaveDraftsAsync(db, cancellationToken);
        return saved.Succeeded ? Result.Ok() : Result.Fail(saved.Error!);
    }

    /// <summary>Throws away a draft change (an unpublished addition, edit or removal).</summary>
    public async Task<Result> DiscardAsync(int changeId, CancellationToken cancellationToken = default)
    {
        if (!await currentUser.IsInRoleAsync(Roles.Admin))
        {
            return Result.Fail(NotAdmin);
        }
        var actor = await currentUser.GetActorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var draft = await db.SubprocessorChanges.FirstOrDefaultAsync(c => c.Id == changeId && c.VersionId == null, cancellationToken);
        if (draft is null)
        {
            return Result.Fail("This draft has been published or discarded meanwhile. Reload the page.");
        }
        db.SubprocessorChanges.Remove(draft);
        audit.Record(db, actor, "subprocessors.draft_discarded", nameof(SubprocessorChange), changeId.ToString(CultureInfo.InvariantCulture),
            new { Kind = draft.Kind.ToString(), draft.Name });
        var saved = await SaveDraftsAsync(db, cancellationToken);
        return saved.Succeeded ? Result.Ok() : Result.Fail(saved.Error!);
    }

    /// <summary>
    /// Publishes every draft as the next version, in one unit of work with the notices: one to every confirmed
    /// subscriber and one to the signer of each organization's executed DPA, naming each change, its effective date
    /// and how to object. A new subprocessor takes effect after the configured objection period.
    /// </summary>
    public async Task<PublishResult> PublishAsync(string? changeSummary, CancellationToken cancellationToken = default)
    {
        if (!await currentUser.IsInRoleAsync(Roles.Admin))
        {
            return PublishResult.Refused(NotAdmin);
        }
        if (SubprocessorRules.ChangeSummaryProblem(changeSummary) is { } problem)
        {
            return PublishResult.Refused(problem);
        }
        var summary = changeSummary!.Trim();
        var actor = await currentUser.GetActorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var latest = await db.SubprocessorListVersions.AsNoTracking().OrderByDescending(v => v.Number).FirstOrDefaultAsync(cancellationToken);
        var drafts = await db.SubprocessorChanges.Include(c => c.Subprocessor)
            .Where(c => c.VersionId == null)
            .ToListAsync(cancellationToken);
        if (drafts.Count == 0)
        {
            return PublishResult.Refused(latest is null
                ? "There are no draft changes to publish."
                : $"The list has not changed since version {latest.Number} was published: there are no draft changes.");
        }
        var today = Today();
        var days = dpaSignatories.ObjectionDays;
        var startsOn = today.AddDays(days);
        var version = new SubprocessorListVersion
        {
            Number = (latest?.Number ?? 0) + 1,
            PublishedAtUtc = clock.GetUtcNow().UtcDateTime,
            PublishedBy = actor.Name,
            ChangeSummary = summary,
            ObjectionDeadline = startsOn,
        };
        db.SubprocessorListVersions.Add(version);
        foreach (var change in drafts.OrderBy(c => c.Kind).ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase))
        {
            change.Version = version;
            change.Stamp = Guid.NewGuid();
            switch (change.Kind)
            {
                case SubprocessorChangeKind.Added:
                    change.EffectiveOn = startsOn;
                    change.Subprocessor = new Subprocessor { AddedOn = startsOn };
                    Apply(change, change.Subprocessor);
                    db.Subprocessors.Add(change.Subprocessor);
                    break;
                case SubprocessorChangeKind.Changed when change.Subprocessor is { RemovedOn: null } target:
                    change.EffectiveOn = today;
                    Apply(change, target);
                    break;
                case SubprocessorChangeKind.Removed when change.Subprocessor is { RemovedOn: null } target:
                    change.EffectiveOn = today;
                    target.RemovedOn = today;
                    break;
                default:
                    return PublishResult.Refused(Raced);
            }
        }
        var changes = drafts.OrderBy(c => c.Kind).ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var active = await db.Subprocessors.AsNoTracking().Where(s => s.RemovedOn == null).ToListAsync(cancellationToken);
        var afterPublish = active.Where(s => !changes.Any(c => c.SubprocessorId == s.Id)).Concat(
            changes.Where(c => c.Kind != SubprocessorChangeKind.Removed).Select(c => c.Subprocessor!)).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        version.Sha256 = SubprocessorListHash.Of(afterPublish);

        var deadline = Long(startsOn);
        var vendorName = vendor.Value.Name;
        var changeText = ChangeText(changes);
        var listText = ListText(afterPublish, today);
        var subject = $"{vendorName} subprocessor list updated (version {version.Number})";
        var subscribers = await ActiveSubscribers(db).Select(s => new { s.Id, s.Email }).ToListAsync(cancellationToken);
        foreach (var subscriber in subscribers)
        {
            outbox.Enqueue(db, subscriber.Email, subject,
                $"Hello,\n\n{vendorName} has updated the list of subprocessors that process customer data (version {version.Number}).\n\n"
                + $"{summary}\n\nThe changes:\n{changeText}\n\nThe list now:\n{listText}\n\nThe full list and its history:\n{urls.Absolute("/subprocessors")}\n\n"
                + $"Customers with a Data Processing Addendum may object to this change until {deadline}.\n\n"
                + $"You get this email because you subscribed to subprocessor changes. To stop them, open:\n{subscriptions.UnsubscribeLink(subscriber.Id)}");
        }

        // One notice per organization, to whoever signed its most recent executed DPA (the signatory the agreement names).
        var signers = await dpaSignatories.LatestPerOrganizationAsync(db, cancellationToken);
        foreach (var dpa in signers)
        {
            outbox.Enqueue(db, dpa.SignerEmail, $"Notice of subprocessor change under your DPA {dpa.Number}: object by {deadline}",
                $"Dear {dpa.SignerName},\n\nAs the Data Processing Addendum {dpa.Number} between {vendor.Value.LegalName} and {dpa.LegalName} provides, "
                + $"we give you notice of a change to our subprocessors (list version {version.Number}).\n\n{summary}\n\nThe changes:\n{changeText}\n\n"
                + $"The list now:\n{listText}\n\nThe full list and its history:\n{urls.Absolute("/subprocessors")}\n\n"
                + $"How to object: you may object to this change on reasonable data-protection grounds within {days} days, that is until {deadline}, "
                + $"by writing to {vendor.Value.ContactEmail} and naming your agreement {dpa.Number}. "
                + $"No new subprocessor starts processing your data before {deadline}.");
        }

        // The public record on /updates and in its feeds; the emails above are its notice to subscribers.
        UpdateService.ForSubprocessorList(db, version.Number, summary, changeText, actor.Name, version.PublishedAtUtc);
        audit.Record(db, actor, "subprocessors.published", nameof(SubprocessorListVersion), version.Number.ToString(CultureInfo.InvariantCulture),
            new
            {
                version.Number, version.Sha256, version.ObjectionDeadline, Subprocessors = afterPublish.Count, Subscribers = subscribers.Count, Organizations = signers.Count,
                Changes = changes.Select(c => new { Kind = c.Kind.ToString(), c.Name, c.EffectiveOn }).ToList(),
            });
        WebhookEvents.Raise(db, WebhookEventTypes.SubprocessorsPublished, new
        {
            version = version.Number, version.Sha256, publishedAt = version.PublishedAtUtc, objectionDeadline = version.ObjectionDeadline, summary,
            subprocessors = afterPublish.Count, changes = changes.Select(c => new { kind = c.Kind.ToString(), c.Name, c.EffectiveOn }).ToList(),
        }, version.PublishedAtUtc);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique version number, or a draft's stamp: another administrator (on any instance) got there first.
            return PublishResult.Refused("Someone else published the list at the same time. Reload the page to see their version.");
        }
        await trustCenter.EvictCacheAsync(cancellationToken);
        return new PublishResult(true, null, version.Number, version.ObjectionDeadline, subscribers.Count, signers.Count);
    }

    private static async Task<FormResult> SaveDraftsAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return FormResult.Fail(Raced);
        }
        // Drafts change nothing public, so no cached page is evicted.
        return FormResult.Ok();
    }

    /// <summary>Whether the name is taken on the list as it will be once the drafts are published.</summary>
    private static async Task<bool> NameTakenAsync(AppDbContext db, SubprocessorInput proposed, CancellationToken cancellationToken)
    {
        var name = proposed.Name!;
        var drafts = await db.SubprocessorChanges.AsNoTracking().Where(c => c.VersionId == null).ToListAsync(cancellationToken);
        var renamedOrRemoved = drafts.Where(d => d.SubprocessorId is not null).Select(d => d.SubprocessorId!.Value).ToList();
        var liveNames = await db.Subprocessors.AsNoTracking()
            .Where(s => s.RemovedOn == null && s.Id != proposed.Id && !renamedOrRemoved.Contains(s.Id))
            .Select(s => s.Name).ToListAsync(cancellationToken);
        var draftNames = drafts
            .Where(d => d.Kind != SubprocessorChangeKind.Removed && d.Id != proposed.DraftId && (proposed.Id is null || d.SubprocessorId != proposed.Id))
            .Select(d => d.Name);
        return liveNames.Concat(draftNames).Contains(name, StringComparer.OrdinalIgnoreCase);
    }

    private static bool SameAs(Subprocessor s, SubprocessorInput input) =>
        s.Name == input.Name && s.Purpose == input.Purpose && s.Location == input.Location && s.DataCategories == input.DataCategories && s.Website == input.Website;

    private static void Apply(SubprocessorChange change, Subprocessor target)
    {
        target.Name = change.Name;
        target.Purpose = change.Purpose;
        target.Location = change.Location;
        target.DataCategories = change.DataCategories;
        target.Website = change.Website;
    }

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static string Long(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private static IQueryable<SubprocessorSubscription> ActiveSubscribers(AppDbContext db) =>
        db.SubprocessorSubscriptions.Where(s => s.ConfirmedAtUtc != null && s.UnsubscribedAtUtc == null
            && (s.Categories & UpdateCategories.SubprocessorChanges) == UpdateCategories.SubprocessorChanges);

    /// <summary>One line per change, as the notices and the history word it; with <paramref name="today"/>, a start date that has passed reads in the past.</summary>
    public static string Describe(SubprocessorChange change, DateOnly? today = null) => change.Kind switch
    {
        SubprocessorChangeKind.Added =>
            $"Added {change.Name}: {change.Purpose} ({change.Location}; {change.DataCategories})."
            + (change.EffectiveOn is { } on ? (on <= today ? $" Processing since {Long(on)}." : $" Starts processing on {Long(on)}.") : ""),
        SubprocessorChangeKind.Changed =>
            $"Changed {change.Name}: now {change.Purpose} ({change.Location}; {change.DataCategories})."
            + (change.EffectiveOn is { } on ? $" From {Long(on)}." : ""),
        _ => $"Removed {change.Name}: no longer processes customer data"
            + (change.EffectiveOn is { } on ? $" from {Long(on)}." : "."),
    };

    private static string ChangeText(List<SubprocessorChange> changes) =>
        string.Join('\n', changes.Select(c => "- " + Describe(c)));

    private static string ListText(List<Subprocessor> active, DateOnly today)
    {
        if (active.Count == 0)
        {
            return "(no subprocessors)";
        }
        var text = new StringBuilder();
        foreach (var s in active)
        {
            text.Append("- ").Append(s.Name).Append(": ").Append(s.Purpose).Append(" (").Append(s.Location).Append(')');
            if (s.AddedOn > today)
            {
                text.Append(", starts processing ").Append(Long(s.AddedOn));
            }
            text.Append('\n');
        }
        return text.ToString().TrimEnd('\n');
    }
}

/// <summary>A line of the admin list: a public entry with its pending draft, if any, or a draft addition (no Live).</summary>
public sealed record SubprocessorRow(Subprocessor? Live, SubprocessorChange? Draft)
{
    public string Name => Draft is { Kind: not SubprocessorChangeKind.Removed } d ? d.Name : Live!.Name;
}

public sealed record SubprocessorAdminOverview(
    List<SubprocessorRow> Rows,
    List<Subprocessor> Removed,
    int DraftCount,
    List<SubprocessorListVersion> History,
    int SubscriberCount,
    int OrganizationCount,
    int ObjectionDays,
    DateOnly StartsOnIfPublishedToday)
{
    public SubprocessorListVersion? LatestVersion => History.FirstOrDefault();
    public bool HasUnpublishedChanges => DraftCount > 0;
}

public sealed record PublishResult(bool Succeeded, string? Error, int Number, DateOnly ObjectionDeadline, int Subscribers, int Organizations)
{
    public static PublishResult Refused(string error) => new(false, error, 0, default, 0, 0);
}
