using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Answers;

/// <summary>
/// The answer library: what /faq shows to each reader, and the staff's edits (Sales, Legal and Admin keep it; each
/// change is audited). Who may read a Customers-only answer is decided here, from the signed-in user, never by a page.
/// </summary>
public sealed class AnswerLibrary(IDbContextFactory<AppDbContext> dbFactory, IAnswerSearch search, CurrentUser currentUser, AuditTrail audit, TimeProvider clock)
{
    /// <summary>The most answers one /faq search shows.</summary>
    public const int MaxResults = 50;

    public const string NotAllowed = "Only staff (Sales, Legal, Admin) can edit the answer library.";

    /// <summary>What the current reader may see on /faq, best match first (or by question when there is no query).</summary>
    public async Task<IReadOnlyList<FaqEntry>> SearchAsync(string? query, string? tag, CancellationToken cancellationToken = default)
    {
        var all = await MaySeeCustomersOnlyAsync();
        var words = SearchWords.From(query);
        var wanted = tag is { Length: > 0 } ? AnswerRules.SplitTags(tag) is [var first, ..] ? first : null : null;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var answers = Visible(db, all);
        if (wanted is not null)
        {
            var padded = " " + wanted + " ";
            answers = answers.Where(a => (" " + a.Tags + " ").Contains(padded));
        }
        if (words.Count == 0)
        {
            return (await answers.OrderBy(a => a.Question).Take(MaxResults * 4).ToListAsync(cancellationToken))
                .Select(a => new FaqEntry(a, null)).ToList();
        }
        var hits = await search.SearchAsync(db, words, all, MaxResults * 2, cancellationToken);
        var ids = hits.Select(h => h.Id).ToList();
        var found = await answers.Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        return hits.Where(h => found.ContainsKey(h.Id)).Take(MaxResults).Select(h => new FaqEntry(found[h.Id], h.Rank)).ToList();
    }

    /// <summary>The tags of the answers the current reader may see, for the filter.</summary>
    public async Task<IReadOnlyList<string>> TagsAsync(CancellationToken cancellationToken = default)
    {
        var all = await MaySeeCustomersOnlyAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tags = await Visible(db, all).Select(a => a.Tags).ToListAsync(cancellationToken);
        return tags.SelectMany(AnswerRules.SplitTags).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Every answer, for staff: filtered by words in the question, answer or tags.</summary>
    public async Task<IReadOnlyList<Answer>> ListAsync(string? filter = null, CancellationToken cancellationToken = default)
    {
        await DemandStaffAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var answers = db.Answers.AsNoTracking();
        if (filter?.Trim() is { Length: > 0 } text)
        {
            var pattern = SearchPattern.Contains(text);
            answers = answers.Where(a => SearchText.Like(a.Question, pattern) || SearchText.Like(a.Body, pattern) || SearchText.Like(a.Tags, pattern));
        }
        return await answers.OrderBy(a => a.Question).ToListAsync(cancellationToken);
    }

    /// <summary>Answers by id, for staff (the questionnaire page shows the matched ones).</summary>
    public async Task<IReadOnlyDictionary<int, Answer>> GetManyAsync(IEnumerable<int> ids, CancellationToken cancellationToken = default)
    {
        await DemandStaffAsync();
        var wanted = ids.Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Answers.AsNoTracking().Where(a => wanted.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
    }

    public async Task<(Result Result, IReadOnlyDictionary<string, string> Errors, int? Id)> SaveAsync(AnswerInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var none = new Dictionary<string, string>();
        if (!await IsStaffAsync())
        {
            return (Result.Fail(NotAllowed), none, null);
        }
        if (AnswerRules.Validate(input) is { Count: > 0 } errors)
        {
            return (Result.Fail("Check the highlighted fields."), errors, null);
        }
        var actor = await currentUser.GetActorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        Answer? answer;
        if (input.Id is { } id)
        {
            answer = await db.Answers.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
            if (answer is null)
            {
                return (Result.Fail("That answer was deleted meanwhile."), none, null);
            }
        }
        else
        {
            answer = new Answer();
            db.Answers.Add(answer);
        }
        var before = input.Id is null ? null : new { answer.Question, answer.Tags, Visibility = answer.Visibility.ToString() };
        answer.Question = input.Question!.Trim();
        answer.Body = input.Body!.Trim();
        answer.Tags = AnswerRules.NormalizeTags(input.Tags);
        answer.Visibility = input.Visibility!.Value;
        answer.Owner = string.IsNullOrWhiteSpace(input.Owner) ? null : input.Owner.Trim();
        answer.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        answer.UpdatedBy = actor.Name;
        // The id of a new answer is known once it is inserted; the audit event follows in the same transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(db, actor, before is null ? "answer.created" : "answer.updated", nameof(Answer), answer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { before, after = new { answer.Question, answer.Tags, Visibility = answer.Visibility.ToString() } });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (Result.Ok(), none, answer.Id);
    }

    public async Task<Result> DeleteAsync(int id, CancellationToken cancellationToken = default)
    {
        if (!await IsStaffAsync())
        {
            return Result.Fail(NotAllowed);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var answer = await db.Answers.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (answer is null)
        {
            return Result.Fail("That answer was already deleted.");
        }
        db.Answers.Remove(answer);
        await audit.RecordAsync(db, "answer.deleted", nameof(Answer), id.ToString(System.Globalization.CultureInfo.InvariantCulture), new { answer.Question });
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }

    /// <summary>Customers (signed in, any organization) and staff read Customers-only answers; anonymous visitors never do.</summary>
    private async Task<bool> MaySeeCustomersOnlyAsync() => await currentUser.IsInRoleAsync(Roles.Customer) || await IsStaffAsync();

    internal async Task<bool> IsStaffAsync()
    {
        foreach (var role in Roles.Staff)
        {
            if (await currentUser.IsInRoleAsync(role))
            {
                return true;
            }
        }
        return false;
    }

    private async Task DemandStaffAsync()
    {
        if (!await IsStaffAsync())
        {
            throw new UnauthorizedAccessException(NotAllowed);
        }
    }

    private static IQueryable<Answer> Visible(AppDbContext db, bool includeCustomersOnly) =>
        includeCustomersOnly ? db.Answers.AsNoTracking() : db.Answers.AsNoTracking().Where(a => a.Visibility == AnswerVisibility.Public);
}

/// <summary>An answer as /faq lists it; <see cref="Rank"/> is null when the list is not a search.</summary>
public sealed record FaqEntry(Answer Answer, double? Rank);
