namespace TrustPortal.Web.Infrastructure;

/// <summary>
/// "Contains" search as a LIKE pattern, so the database does the matching (case-insensitively for ASCII on SQLite)
/// and the user's % and _ are matched literally.
/// </summary>
public static class SearchPattern
{
    public const string Escape = "\\";

    public static string Contains(string term) => "%" + Literal(term.Trim()) + "%";

    public static string EndsWith(string suffix) => "%" + Literal(suffix);

    private static string Literal(string text) =>
        text.Replace(Escape, Escape + Escape, StringComparison.Ordinal)
            .Replace("%", Escape + "%", StringComparison.Ordinal)
            .Replace("_", Escape + "_", StringComparison.Ordinal);
}
