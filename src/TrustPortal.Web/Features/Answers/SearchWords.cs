using System.Text.RegularExpressions;

namespace TrustPortal.Web.Features.Answers;

/// <summary>
/// The words of a question or a search box worth matching on: letters and digits only (so nothing the user types can
/// reach a full-text query as syntax), lower case, without stop words and questionnaire filler, each once.
/// </summary>
public static partial class SearchWords
{
    /// <summary>More words than this add nothing to a ranking and only slow the query down.</summary>
    public const int MaxWords = 32;

    /// <summary>Longer input is cut here before it is split, so a pasted essay costs no more than a question.</summary>
    public const int MaxInputLength = 2000;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "being", "by", "can", "could",
        "did", "do", "does", "doing", "each", "else", "for", "from", "had", "has", "have", "having", "he", "her", "here", "his",
        "how", "i", "if", "in", "into", "is", "it", "its", "itself", "let", "may", "me", "might", "more", "most", "must", "my",
        "no", "nor", "not", "of", "on", "or", "other", "our", "ours", "out", "over", "own", "per", "she", "should", "so", "some",
        "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to",
        "too", "under", "until", "up", "us", "very", "was", "we", "were", "what", "when", "where", "whether", "which", "while",
        "who", "whom", "why", "will", "with", "would", "yes", "you", "your", "yours",
        // Questionnaire filler: every question says it, so it tells answers apart no better than "the".
        "please", "describe", "provide", "explain", "detail", "details", "indicate", "confirm", "list", "briefly", "specify",
        "company", "organization", "organisation", "vendor", "supplier", "service", "services",
    };

    public static IReadOnlyList<string> From(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        var input = text.Length > MaxInputLength ? text[..MaxInputLength] : text;
        return Word().Matches(input.ToLowerInvariant())
            .Select(m => m.Value)
            .Where(w => !StopWords.Contains(w))
            .Distinct(StringComparer.Ordinal)
            .Take(MaxWords)
            .ToList();
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Word();
}
