using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.Email;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.TrustCenter.Subscriptions;

/// <summary>
/// Admin maintenance of the subprocessor list. Edits apply to the public list at once; publishing is the step that
/// records a numbered version with its hash and objection deadline and notifies subscribers and DPA customers.
/// </summary>
public sealed class SubprocessorAdminService(
    IDbContextFactory<AppDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    EmailOutbox outbox,
    PublicUrls urls,
    SubscriptionService subscriptions,
    TrustCenterService trustCenter,
    IOptions<AgreementOptions> agreementOptions,
    IOptions<VendorOptions> vendor,
    TimeProvider clock)
{
    private const string NotAdmin = "Only administrators can change the subprocessor list.";

    public async Task<SubprocessorAdminOverview> GetOverviewAsync(CancellationToken cancellationToken = default)
    {
        if (!await currentUser.IsInRoleAsync(Roles.Admin))
        {
            throw new UnauthorizedAccessException(NotAdmin);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var all = await db.Subprocessors.AsNoTracking()
            .OrderBy(s => s.RemovedOn != null).ThenBy(s => s.Name)
            .ToListAsync(cancellationToken);
        var latest = await db.SubprocessorListVersions.AsNoTracking().OrderByDescending(v => v.Number).FirstOrDefaultAsync(cancellationToken);
        var hash = FrozenTerms.HashSubprocessors(all.Where(s => s.RemovedOn is null));
        var subscribers = await ActiveSubscribers(db).CountAsync(cancellationToken);
        var organizations = await ExecutedDpas(db).Select(a => a.OrganizationId).Distinct().CountAsync(cancellationToken);
        return new SubprocessorAdminOverview(all, latest, latest?.Sha256 != hash, subscribers, organizations,
            agreementOptions.Value.SubprocessorObjectionDays);
    }

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
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // A new row gets its id on the first save; the transaction keeps it and its audit event together.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Subprocessor subprocessor;
        if (input.Id is { } id)
        {
            var found = await db.Subprocessors.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (found is null)
            {
                return FormResult.Fail("This subprocessor no longer exists. Reload the page.");
            }
            subprocessor = found;
        }
        else
        {
            subprocessor = new Subprocessor { AddedOn = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime) };
            db.Subprocessors.Add(subprocessor);
        }
        var name = input.Name!.Trim();
        if (await db.Subprocessors.AnyAsync(s => s.Name == name && s.Id != subprocessor.Id && s.RemovedOn == null, cancellationToken))
        {
            return FormResult.Invalid(new Dictionary<string, string> { [nameof(SubprocessorInput.Name)] = $"{name} is already on the list." });
        }
        var before = SubprocessorInput.From(subprocessor);
        subprocessor.Name = name;
        subprocessor.Purpose = input.Purpose!.Trim();
        subprocessor.Location = input.Location!.Trim();
        subprocessor.DataCategories = input.DataCategories!.Trim();
        subprocessor.Website = string.IsNullOrWhiteSpace(input.Website) ? null : input.Website.Trim();
        if (input.Id is null)
        {
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(db, "subprocessors.added", nameof(Subprocessor), subprocessor.Id.ToString(CultureInfo.InvariantCulture),
                new { subprocessor.Name, subprocessor.Purpose, subprocessor.Location, subprocessor.DataCategories, subprocessor.Website });
        }
        else
        {
            await audit.RecordAsync(db, "subprocessors.updated", nameof(Subprocessor), subprocessor.Id.ToString(CultureInfo.InvariantCulture),
                new { before = new { before.Name, before.Purpose, before.Location, before.DataCategories, before.Website },
                      after = new { subprocessor.Name, subprocessor.Purpose, subprocessor.Location, subprocessor.DataCategories, subprocessor.Website } });
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await trustCenter.EvictCacheAsync(cancellationToken);
        return FormResult.Ok();
    }

    /// <summary>Takes a subprocessor off the public list as of today; the row stays for the history.</summary>
    public async Task<Result> RemoveAsync(int id, CancellationToken cancellationToken = default)
    {
        if (!await currentUser.IsInRoleAsync(Roles.Admin))
        {
            return Result.Fail(NotAdmin);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subprocessor = await db.Subprocessors.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subprocessor is null)
        {
            return Result.Fail("This subprocessor no longer exists. Reload the page.");
        }
        if (subprocessor.RemovedOn is not null)
        {
            return Result.Ok();
        }
        subprocessor.RemovedOn = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await audit.RecordAsync(db, "subprocessors.removed", nameof(Subprocessor), id.ToString(CultureInfo.InvariantCulture),
            new { subprocessor.Name, subprocessor.RemovedOn });
        await db.SaveChangesAsync(cancellationToken);
        await trustCenter.EvictCacheAsync(cancellationToken);
        return Result.Ok();
    }

    /// <summary>
    /// Records the current list as the next version and, in the same unit of work, queues the notices: one to every
    /// confirmed subscriber and one to the signer of each organization's executed DPA, with the objection deadline.
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
        var active = await db.Subprocessors.AsNoTracking().Where(s => s.RemovedOn == null).OrderBy(s => s.Name).ToListAsync(cancellationToken);
        var hash = FrozenTerms.HashSubprocessors(active);
        var latest = await db.SubprocessorListVersions.AsNoTracking().OrderByDescending(v => v.Number).FirstOrDefaultAsync(cancellationToken);
        if (latest?.Sha256 == hash)
        {
            return PublishResult.Refused($"The list has not changed since version {latest.Number} was published.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var days = agreementOptions.Value.SubprocessorObjectionDays;
        var version = new SubprocessorListVersion
        {
            Number = (latest?.Number ?? 0) + 1,
            PublishedAtUtc = now,
            PublishedBy = actor.Name,
            ChangeSummary = summary,
            Sha256 = hash,
            ObjectionDeadline = DateOnly.FromDateTime(now).AddDays(days),
        };
        db.SubprocessorListVersions.Add(version);

        var deadline = version.ObjectionDeadline.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        var vendorName = vendor.Value.Name;
        var listText = ListText(active);
        var subject = $"{vendorName} subprocessor list updated (version {version.Number})";
        var subscribers = await ActiveSubscribers(db).Select(s => new { s.Id, s.Email }).ToListAsync(cancellationToken);
        foreach (var subscriber in subscribers)
        {
            outbox.Enqueue(db, subscriber.Email, subject,
                $"Hello,\n\n{vendorName} has updated the list of subprocessors that process customer data (version {version.Number}).\n\n"
                + $"What changed:\n{summary}\n\nThe list now:\n{listText}\n\nThe full list:\n{urls.Absolute("/subprocessors")}\n\n"
                + $"Customers with a Data Processing Addendum may object to this change until {deadline}.\n\n"
                + $"You get this email because you subscribed to subprocessor changes. To stop them, open:\n{subscriptions.UnsubscribeLink(subscriber.Id)}");
        }

        // One notice per organization, to whoever signed its most recent executed DPA.
        var dpas = await ExecutedDpas(db)
            .Select(a => new { a.OrganizationId, a.Number, a.SignerName, a.SignerEmail, a.ExecutedAtUtc, a.Customer.LegalName })
            .ToListAsync(cancellationToken);
        var signers = dpas.GroupBy(a => a.OrganizationId).Select(g => g.OrderByDescending(a => a.ExecutedAtUtc).First()).ToList();
        foreach (var dpa in signers)
        {
            outbox.Enqueue(db, dpa.SignerEmail, $"Notice of subprocessor change under your DPA {dpa.Number}: object by {deadline}",
                $"Dear {dpa.SignerName},\n\nAs the Data Processing Addendum {dpa.Number} between {vendor.Value.LegalName} and {dpa.LegalName} provides, "
                + $"we give you notice of a change to our subprocessors (list version {version.Number}).\n\nWhat changed:\n{summary}\n\n"
                + $"The list now:\n{listText}\n\nThe full list:\n{urls.Absolute("/subprocessors")}\n\n"
                + $"You may object to this change on reasonable data-protection grounds within {days} days, that is until {deadline}, "
                + $"by writing to {vendor.Value.ContactEmail}.");
        }

        audit.Record(db, actor, "subprocessors.published", nameof(SubprocessorListVersion), version.Number.ToString(CultureInfo.InvariantCulture),
            new { version.Number, version.Sha256, version.ObjectionDeadline, Subprocessors = active.Count, Subscribers = subscribers.Count, Organizations = signers.Count });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique version number: another administrator published at the same moment.
            return PublishResult.Refused("Someone else published the list at the same time. Reload the page to see their version.");
        }
        await trustCenter.EvictCacheAsync(cancellationToken);
        return new PublishResult(true, null, version.Number, version.ObjectionDeadline, subscribers.Count, signers.Count);
    }

    private static IQueryable<SubprocessorSubscription> ActiveSubscribers(AppDbContext db) =>
        db.SubprocessorSubscriptions.Where(s => s.ConfirmedAtUtc != null && s.UnsubscribedAtUtc == null);

    private static IQueryable<Agreement> ExecutedDpas(AppDbContext db) =>
        db.Agreements.Where(a => a.Kind == AgreementKind.Dpa && a.Status == AgreementStatus.Executed);

    private static string ListText(List<Subprocessor> active)
    {
        if (active.Count == 0)
        {
            return "(no subprocessors)";
        }
        var text = new StringBuilder();
        foreach (var s in active)
        {
            text.Append("- ").Append(s.Name).Append(": ").Append(s.Purpose).Append(" (").Append(s.Location).Append(")\n");
        }
        return text.ToString().TrimEnd('\n');
    }
}

public sealed record SubprocessorAdminOverview(
    List<Subprocessor> Subprocessors,
    SubprocessorListVersion? LatestVersion,
    bool HasUnpublishedChanges,
    int SubscriberCount,
    int OrganizationCount,
    int ObjectionDays);

public sealed record PublishResult(bool Succeeded, string? Error, int Number, DateOnly ObjectionDeadline, int Subscribers, int Organizations)
{
    public static PublishResult Refused(string error) => new(false, error, 0, default, 0, 0);
}
