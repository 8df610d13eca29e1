using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Features.TrustCenter.Admin;

/// <summary>Published commitments versions and what changed between two of them; public, read-only.</summary>
public sealed class ContentHistory(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<List<ContentVersionRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ContentVersions.AsNoTracking()
            .OrderByDescending(v => v.Number)
            .Select(v => new ContentVersionRow(v.Number, v.EffectiveDate, v.PublishedAtUtc, v.ChangeSummary, v.Sha256))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The changes from version <paramref name="from"/> to <paramref name="to"/>; null when either does not exist.</summary>
    public async Task<List<SectionChange>?> CompareAsync(int from, int to, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var versions = await db.ContentVersions.AsNoTracking()
            .Where(v => v.Number == from || v.Number == to)
            .Include(v => v.Sections)
            .ToListAsync(cancellationToken);
        var older = versions.FirstOrDefault(v => v.Number == from);
        var newer = versions.FirstOrDefault(v => v.Number == to);
        return older is null || newer is null ? null : Compare(older.Sections, newer.Sections);
    }

    /// <summary>
    /// Section by section, matched by slug, in the newer version's order; sections only in the older one last.
    /// Bodies are compared as readers see them (Markdown markup stripped), so `**bold**` never shows up raw in a diff.
    /// </summary>
    public static List<SectionChange> Compare(IEnumerable<ContentSection> older, IEnumerable<ContentSection> newer)
    {
        var before = older.OrderBy(s => s.Order).ToList();
        var after = newer.OrderBy(s => s.Order).ToList();
        var changes = new List<SectionChange>();
        foreach (var section in after)
        {
            var old = before.FirstOrDefault(s => s.Slug == section.Slug);
            var title = TextDiff.Words(old?.Title, section.Title);
            var summary = TextDiff.Words(old?.Summary, section.Summary);
            var body = TextDiff.Words(old is null ? null : MarkdownRenderer.ToPlainText(old.BodyMarkdown), MarkdownRenderer.ToPlainText(section.BodyMarkdown));
            var kind = old is null ? SectionChangeKind.Added
                : new[] { title, summary, body }.Any(d => d.Any(p => p.Kind != DiffKind.Unchanged)) ? SectionChangeKind.Changed
                : SectionChangeKind.Unchanged;
            changes.Add(new SectionChange(section.Slug, section.Title, kind, title, summary, body));
        }
        foreach (var old in before.Where(o => after.All(s => s.Slug != o.Slug)))
        {
            changes.Add(new SectionChange(old.Slug, old.Title, SectionChangeKind.Removed,
                TextDiff.Words(old.Title, null), TextDiff.Words(old.Summary, null), TextDiff.Words(MarkdownRenderer.ToPlainText(old.BodyMarkdown), null)));
        }
        return changes;
    }
}

/// <summary>A published version as the public sees it: no author, since who edited is staff business.</summary>
public sealed record ContentVersionRow(int Number, DateOnly EffectiveDate, DateTime PublishedAtUtc, string ChangeSummary, string Sha256);

public enum SectionChangeKind { Unchanged, Changed, Added, Removed }

/// <summary>One section's differences between two versions; each diff joins back to the old and the new text.</summary>
public sealed record SectionChange(string Slug, string Title, SectionChangeKind Kind,
    IReadOnlyList<DiffPiece> TitleDiff, IReadOnlyList<DiffPiece> SummaryDiff, IReadOnlyList<DiffPiece> BodyDiff);
