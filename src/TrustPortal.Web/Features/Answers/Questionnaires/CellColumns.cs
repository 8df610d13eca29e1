namespace TrustPortal.Web.Features.Answers.Questionnaires;

/// <summary>Spreadsheet column names (A, B, …, Z, AA, …) and zero-based column numbers.</summary>
public static class CellColumns
{
    /// <summary>The column of a reference such as "C12" (2); a reference without letters is column 0.</summary>
    public static int FromReference(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var column = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z')
            {
                column = Math.Min(column * 26 + (c - 'A' + 1), 1 << 20);
            }
            else if (c is >= 'a' and <= 'z')
            {
                column = Math.Min(column * 26 + (c - 'a' + 1), 1 << 20);
            }
            else
            {
                break;
            }
        }
        return Math.Max(column - 1, 0);
    }

    public static string ToName(int column)
    {
        var name = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + (n - 1) % 26) + name;
        }
        return name;
    }
}
