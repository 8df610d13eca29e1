using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.TrustCenter.Admin;

/// <summary>
/// The trust team's editing of the data-privacy commitments; Admin only. Edits go to one shared draft; publishing
/// turns it into the next immutable <see cref="ContentVersion"/> and resets the draft. Published versions are never
/// changed (see <see cref="PublishedContentGuard"/>).
/// </summary>
public sealed class ContentAdminService(
    IDbContextFactory<AppDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    TrustCenterService trustCenter,
    TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The saved draft, or a fresh one copied from the current published version.</summary>
    public async Task<ContentDraftView> GetDraftAsync(CancellationToken cancellationToken = default)
    {
        await EnsureAdminAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var current = await CurrentVersionAsync(db, cancellationToken);
        var draft = await db.ContentDrafts.AsNoTracking().OrderByDescending(d => d.Id).FirstOrDefaultAsync(cancellationToken);
        if (draft is not null)
        {
            return new ContentDraftView(draft.BasedOnVersion, current?.Number ?? 0, Deserialize(draft.SectionsJson), draft.UpdatedAtUtc, draft.UpdatedBy);
        }
        var sections = current?.Sections.OrderBy(s => s.Order)
            .Select(s => new DraftSection { Slug = s.Slug, Title = s.Title, Summary = s.Summary, BodyMarkdown = s.BodyMarkdown })
            .ToList() ?? [];
        return new ContentDraftView(current?.Number ?? 0, current?.Number ?? 0, sections, null, null);
    }

    /// <summary>Saves the draft after validating every field; on any error nothing is stored.</summary>
    public async Task<ContentResult> SaveDraftAsync(IReadOnlyList<DraftSection> sections, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sections);
        await EnsureAdminAsync();
        var normalized = sections.Select(ContentRules.Normalize).ToList();
        var errors = ContentRules.Validate(normalized);
        if (errors.Count > 0)
        {
            return ContentResult.Invalid(errors);
        }
        var actor = await currentUser.GetActorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var draft = await db.ContentDrafts.OrderByDescending(d => d.Id).FirstOrDefaultAsync(cancellationToken);
        if (draft is null)
        {
            draft = new ContentDraft { BasedOnVersion = await db.ContentVersions.MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0 };
            db.ContentDrafts.Add(draft);
        }
        draft.SectionsJson = JsonSerializer.Serialize(normalized, Json);
        draft.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        draft.UpdatedBy = actor.Name;
        await db.SaveChangesAsync(cancellationToken);
        return ContentResult.Ok();
    }

    /// <summary>
    /// Publishes the saved draft as the next version: hash, audit event and draft reset in one unit of work, then the
    /// public pages' cache is evicted so visitors see it at once.
    /// </summary>
    public async Task<ContentResult> PublishAsync(string? changeSummary, DateOnly? effectiveDate, CancellationToken cancellationToken = default)
    {
        await EnsureAdminAsync();
        var errors = ContentRules.ValidatePublication(changeSummary, effectiveDate);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var draft = await db.ContentDrafts.OrderByDescending(d => d.Id).FirstOrDefaultAsync(cancellationToken);
        if (draft is null)
        {
            errors.Add(new ValidationResult("There is no saved draft to publish. Edit the sections and save the draft first."));
            return ContentResult.Invalid(errors);
        }
        var sections = Deserialize(draft.SectionsJson).Select(ContentRules.Normalize).ToList();
        errors.AddRange(ContentRules.Validate(sections));
        var current = await CurrentVersionAsync(db, cancellationToken);
        var currentNumber = current?.Number ?? 0;
        if (draft.BasedOnVersion != currentNumber)
        {
            errors.Add(new ValidationResult(
                $"Version {currentNumber} was published after this draft was started from version {draft.BasedOnVersion}. Discard the draft and start again from version {currentNumber}."));
        }
        var stored = sections.Select((s, i) => new ContentSection
        {
            Order = i + 1,
            Slug = s.Slug,
            Title = s.Title,
            Summary = s.Summary,
            BodyMarkdown = s.BodyMarkdown,
        }).ToList();
        var hash = ContentHash.Compute(stored);
        if (current is not null && current.Sha256 == hash)
        {
            errors.Add(new ValidationResult("The draft is the same as the published version; change something before publishing."));
        }
        if (current is not null && effectiveDate < current.EffectiveDate)
        {
            errors.Add(new ValidationResult($"The effective date cannot be before version {current.Number}'s ({current.EffectiveDate:d MMM yyyy}).", ["EffectiveDate"]));
        }
        if (errors.Count > 0)
        {
            return ContentResult.Invalid(errors);
        }

        var actor = await currentUser.GetActorAsync();
        var version = new ContentVersion
        {
            Number = currentNumber + 1,
            EffectiveDate = effectiveDate!.Value,
            PublishedAtUtc = clock.GetUtcNow().UtcDateTime,
            PublishedBy = actor.Name,
            ChangeSummary = changeSummary!.Trim(),
            Sha256 = hash,
            Sections = stored,
        };
        db.ContentVersions.Add(version);
        db.ContentDrafts.Remove(draft);
        // Identified by its number, the name everyone uses ("version 3"), which is known before the insert; the unique
        // index on it refuses a concurrent publication of the same number.
        audit.Record(db, actor, "content.published", nameof(ContentVersion), version.Number.ToString(CultureInfo.InvariantCulture),
            new { version.Number, version.Sha256, version.ChangeSummary, effectiveDate = version.EffectiveDate.ToString("O", CultureInfo.InvariantCulture), sections = stored.Count });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return ContentResult.Invalid([new ValidationResult($"Someone else published version {version.Number} a moment ago. Reload the page to see it.")]);
        }
        await trustCenter.EvictCacheAsync(cancellationToken);
        return ContentResult.Ok(version.Number);
    }

    /// <summary>Throws the draft away; the next edit starts again from the current published version.</summary>
    public async Task DiscardDraftAsync(CancellationToken cancellationToken = default)
    {
        await EnsureAdminAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.ContentDrafts.RemoveRange(await db.ContentDrafts.ToListAsync(cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task EnsureAdminAsync()
    {
        if (!await currentUser.IsInRoleAsync(Roles.Admin))
        {
            throw new UnauthorizedAccessException("Only administrators can edit the trust-center content.");
        }
    }

    private static Task<ContentVersion?> CurrentVersionAsync(AppDbContext db, CancellationToken cancellationToken) =>
        db.ContentVersions.AsNoTracking()
            .Include(v => v.Sections)
            .OrderByDescending(v => v.Number)
            .FirstOrDefaultAsync(cancellationToken);

    private static List<DraftSection> Deserialize(string json) =>
        JsonSerializer.Deserialize<List<DraftSection>>(json, Json) ?? [];
}

/// <summary>The draft as the editor sees it, and the published version it started from.</summary>
public sealed record ContentDraftView(int BasedOnVersion, int CurrentVersion, List<DraftSection> Sections, DateTime? UpdatedAtUtc, string? UpdatedBy)
{
    public bool IsSaved => UpdatedAtUtc is not null;
}

/// <summary>The outcome of saving or publishing: the version published, or the messages per field.</summary>
public sealed record ContentResult(bool Succeeded, IReadOnlyList<ValidationResult> Errors, int? PublishedNumber = null)
{
    public static ContentResult Ok(int? published = null) => new(true, [], published);

    public static ContentResult Invalid(IReadOnlyList<ValidationResult> errors) => new(false, errors);
}
