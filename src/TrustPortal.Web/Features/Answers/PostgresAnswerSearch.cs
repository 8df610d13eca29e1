using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Features.Answers;

/// <summary>
/// PostgreSQL full-text search over the generated, GIN-indexed <c>"Answers"."SearchVector"</c> column (question weight
/// A, tags B, answer C) that the PostgreSQL migration adds. The words go to <c>websearch_to_tsquery</c>, which never
/// fails on odd input, joined by "or".
/// </summary>
public sealed class PostgresAnswerSearch : IAnswerSearch
{
    public async Task<IReadOnlyList<AnswerHit>> SearchAsync(AppDbContext db, IReadOnlyList<string> words, bool includeCustomersOnly, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(words);
        if (words.Count == 0)
        {
            return [];
        }
        var query = string.Join(" or ", words);
        return await db.Database.SqlQuery<AnswerHit>($"""
            SELECT a."Id" AS "Id", ts_rank(a."SearchVector", q)::double precision AS "Rank"
            FROM "Answers" AS a, websearch_to_tsquery('english', {query}) AS q
            WHERE a."SearchVector" @@ q AND (a."Visibility" = 'Public' OR {includeCustomersOnly})
            ORDER BY "Rank" DESC, a."Id"
            LIMIT {limit}
            """).ToListAsync(cancellationToken);
    }
}
