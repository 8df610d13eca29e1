using TrustPortal.Web.Data;

namespace TrustPortal.Web.Features.Answers;

/// <summary>
/// Full-text ranking of the answer library in the database: SQLite FTS5 with bm25, or PostgreSQL's tsvector with
/// ts_rank. Any of the words may match; answers matching more of them, and in their question, rank higher.
/// </summary>
public interface IAnswerSearch
{
    /// <param name="words">From <see cref="SearchWords.From"/>: letters and digits only.</param>
    /// <param name="includeCustomersOnly">False: only Public answers can be returned.</param>
    Task<IReadOnlyList<AnswerHit>> SearchAsync(AppDbContext db, IReadOnlyList<string> words, bool includeCustomersOnly, int limit, CancellationToken cancellationToken = default);
}

/// <summary>One answer that matched, with its rank: higher is better, comparable only within one search.</summary>
public sealed class AnswerHit
{
    public int Id { get; set; }
    public double Rank { get; set; }
}
