namespace TrustPortal.Documents.Layout;

/// <summary>
/// Word wrap over cleaned text: breaks at spaces, starts a new line at each '\n', and breaks a word that is wider
/// than the line between characters. Widths come from <see cref="TextFont.Measure"/>, a per-character table, so no
/// word is turned into a string just to be measured; only the finished lines are.
/// </summary>
internal static class TextLayout
{
    /// <summary>Appends the wrapped lines of <paramref name="text"/> to <paramref name="lines"/>; empty text gives one empty line.</summary>
    public static void Wrap(string text, TextFont font, double width, List<string> lines)
    {
        var start = 0;
        while (true)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline;
            WrapSegment(text, start, end, font, width, lines);
            if (newline < 0)
            {
                return;
            }
            start = newline + 1;
        }
    }

    /// <summary>Cuts one line to <paramref name="width"/>, ending it with an ellipsis when it is too long.</summary>
    public static string Fit(string text, TextFont font, double width)
    {
        if (font.Measure(text) <= width)
        {
            return text;
        }
        var room = width - font.Measure("…");
        var used = 0.0;
        var length = 0;
        while (length < text.Length)
        {
            var step = char.IsHighSurrogate(text[length]) && length + 1 < text.Length ? 2 : 1;
            var w = font.Measure(text.AsSpan(length, step));
            if (used + w > room)
            {
                break;
            }
            used += w;
            length += step;
        }
        return string.Concat(text.AsSpan(0, length).TrimEnd(), "…");
    }

    private static void WrapSegment(string text, int start, int end, TextFont font, double width, List<string> lines)
    {
        var lineStart = -1;
        var lineEnd = 0;
        var lineWidth = 0.0;
        var i = start;
        while (i < end)
        {
            while (i < end && text[i] == ' ')
            {
                i++;
            }
            if (i == end)
            {
                break;
            }
            var wordStart = i;
            while (i < end && text[i] != ' ')
            {
                i++;
            }
            var wordWidth = font.Measure(text.AsSpan(wordStart, i - wordStart));
            if (lineStart >= 0)
            {
                // The spaces between words count as typed: several spaces stay several spaces.
                var gap = font.Measure(text.AsSpan(lineEnd, wordStart - lineEnd));
                if (lineWidth + gap + wordWidth <= width)
                {
                    lineWidth += gap + wordWidth;
                    lineEnd = i;
                    continue;
                }
                lines.Add(text[lineStart..lineEnd]);
            }
            if (wordWidth <= width)
            {
                lineStart = wordStart;
                lineEnd = i;
                lineWidth = wordWidth;
                continue;
            }
            // A word wider than the line (a hash, an email address, a URL): break it, at a natural point if there
            // is one, else between characters; never inside a surrogate pair.
            var pieceStart = wordStart;
            var pieceWidth = 0.0;
            for (var k = wordStart; k < i;)
            {
                var step = char.IsHighSurrogate(text[k]) && k + 1 < i ? 2 : 1;
                var w = font.Measure(text.AsSpan(k, step));
                if (pieceWidth + w > width && k > pieceStart)
                {
                    var cut = NaturalBreak(text, pieceStart, k);
                    lines.Add(text[pieceStart..cut]);
                    pieceWidth = font.Measure(text.AsSpan(cut, k - cut));
                    pieceStart = cut;
                    continue;
                }
                pieceWidth += w;
                k += step;
            }
            lineStart = pieceStart;
            lineEnd = i;
            lineWidth = pieceWidth;
        }
        lines.Add(lineStart >= 0 ? text[lineStart..lineEnd] : string.Empty);
    }

    // The last point in (start, end] where a long word breaks well: after "-", "/", "_" or ":", or before "@", ".",
    // "?", "&", "=" or "#"; else end. Only in the last two thirds, so the line before does not end nearly empty.
    // text[end] exists: end is the character that did not fit.
    private static int NaturalBreak(string text, int start, int end)
    {
        for (var b = end; b > start + (end - start) / 3; b--)
        {
            if (char.IsLowSurrogate(text[b]))
            {
                continue;
            }
            if (text[b - 1] is '-' or '/' or '_' or ':' || text[b] is '@' or '.' or '?' or '&' or '=' or '#')
            {
                return b;
            }
        }
        return end;
    }
}
