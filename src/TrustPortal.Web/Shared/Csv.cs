namespace TrustPortal.Web.Shared;

/// <summary>CSV cells that open safely in a spreadsheet: quoted when needed, and never read as a formula.</summary>
public static class Csv
{
    public static string Row(IEnumerable<string?> cells) => string.Join(',', cells.Select(Cell));

    public static string Cell(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }
}
