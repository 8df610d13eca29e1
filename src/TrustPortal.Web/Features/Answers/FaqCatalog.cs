using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.TrustCenter.MachineReadable;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Features.Answers;

/// <summary>The FAQ's public answers, as /llms.txt and /trust-center.json list them: alphabetically by question.</summary>
public sealed class FaqCatalog(IDbContextFactory<AppDbContext> dbFactory, PublicUrls urls) : IFaqCatalog
{
    public async Task<IReadOnlyList<FaqFacts>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var answers = await db.Answers.AsNoTracking().Where(a => a.Visibility == AnswerVisibility.Public)
            .Select(a => new { a.Id, a.Question, a.Body, a.Tags })
            .ToListAsync(cancellationToken);
        return answers
            .OrderBy(a => a.Question, StringComparer.OrdinalIgnoreCase)
            .Select(a => new FaqFacts(a.Question, a.Body, AnswerRules.SplitTags(a.Tags), urls.Absolute($"/faq#faq-{a.Id}")))
            .ToList();
    }

    public async Task<string> VersionAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // One round trip on every request for the summaries. A deletion lowers the count and the id sum; an edit, or a
        // change of visibility, moves the latest time.
        var version = await db.Answers.GroupBy(_ => 1)
            .Select(g => new
            {
                Count = g.Count(a => a.Visibility == AnswerVisibility.Public),
                IdSum = g.Sum(a => a.Visibility == AnswerVisibility.Public ? (long)a.Id : 0L),
                Latest = g.Max(a => a.UpdatedAtUtc),
            })
            .FirstOrDefaultAsync(cancellationToken);
        return version is null ? "0" : string.Create(CultureInfo.InvariantCulture, $"{version.Count}:{version.IdSum}:{version.Latest.Ticks}");
    }
}
