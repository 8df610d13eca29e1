using System.Globalization;
using System.Text;

namespace TrustPortal.Documents.Layout;

/// <summary>
/// Makes user text safe to draw literally. PDFsharp does no shaping, bidi or control handling, so control and format
/// characters (tabs aside) would print as missing-glyph boxes or upset the layout; line breaks become '\n'.
/// </summary>
internal static class TextCleaner
{
    /// <summary>Text for paragraphs: keeps line breaks as '\n'. Returns the same instance when nothing changes.</summary>
    public static string Paragraph(string? text) => Clean(text, keepNewlines: true);

    /// <summary>Text for one line (headers, names): line breaks become spaces.</summary>
    public static string Line(string? text) => Clean(text, keepNewlines: false);

    private static string Clean(string? text, bool keepNewlines)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        var first = FirstSuspect(text, keepNewlines);
        if (first < 0)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, first);
        var newline = keepNewlines ? '\n' : ' ';
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\r':
                    builder.Append(newline);
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }
                    break;
                case '\n' or '\u0085' or '\u2028' or '\u2029':
                    builder.Append(newline);
                    break;
                case '\t':
                    builder.Append(' ');
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        builder.Append(c).Append(text[i + 1]);
                        i++;
                    }
                    else if (char.IsSurrogate(c))
                    {
                        builder.Append('\uFFFD');
                    }
                    else if (!IsInvisible(c))
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
        return builder.ToString();
    }

    private static int FirstSuspect(string text, bool keepNewlines)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            // Printable ASCII is by far the common case; test it without a Unicode category lookup.
            if (c is >= ' ' and < '\u007F' || (c == '\n' && keepNewlines))
            {
                continue;
            }
            if (c < ' ' || c is '\u0085' or '\u2028' or '\u2029' || char.IsSurrogate(c) || IsInvisible(c))
            {
                return i;
            }
        }
        return -1;
    }

    private static bool IsInvisible(char c) =>
        char.IsControl(c) || (c >= '\u00AD' && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format);
}
