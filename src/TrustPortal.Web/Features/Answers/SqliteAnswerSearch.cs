using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Features.Answers;

/// <summary>
/// FTS5 over the external-content table <c>AnswersSearch</c> that the SQLite migration creates and its triggers keep in
/// step with <c>Answers</c>. Each word is quoted as an FTS5 string, so the user's text is never FTS5 syntax.
/// </summary>
public sealed class SqliteAnswerSearch : IAnswerSearch
{
    public async Task<IReadOnlyList<AnswerHit>> SearchAsync(AppDbContext db, IReadOnlyList<string> words, bool includeCustomersOnly, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(words);
        if (words.Count == 0)
        {
            return [];
        }
        var match = ToMatchExpression(words);
        var all = includeCustomersOnly ? 1 : 0;
        // bm25 is lower for better matches; weights: question 10, answer 1, tags 5.
        return await db.Database.SqlQuery<AnswerHit>($"""
            SELECT a."Id" AS "Id", -bm25("AnswersSearch", 10.0, 1.0, 5.0) AS "Rank"
            FROM "AnswersSearch" JOIN "Answers" AS a ON a."Id" = "AnswersSearch".rowid
            WHERE "AnswersSearch" MATCH {match} AND (a."Visibility" = 'Public' OR {all} = 1)
            ORDER BY "Rank" DESC, a."Id"
            LIMIT {limit}
            """).ToListAsync(cancellationToken);
    }

    /// <summary>"w1" OR "w2" …: each word an FTS5 string (quotes doubled), so none can be an operator or a column filter.</summary>
    public static string ToMatchExpression(IEnumerable<string> words) =>
        string.Join(" OR ", words.Select(w => "\"" + w.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
}
