using System.Text.RegularExpressions;
using DiffPlex;

namespace TrustPortal.Web.Features.TrustCenter;

public enum DiffKind { Unchanged, Added, Removed }

/// <summary>A run of text that is in both versions, only in the new one, or only in the old one.</summary>
public sealed record DiffPiece(DiffKind Kind, string Text);

/// <summary>
/// A diff over lines or words (DiffPlex's Myers algorithm on our own tokens), for showing readers what changed between
/// two published versions. The common start and end are cut first, since most edits touch a small part of a section;
/// beyond a budget of changed tokens it falls back to "all removed, all added" rather than spend unbounded time.
/// </summary>
public static partial class TextDiff
{
    /// <summary>The largest changed middle (old tokens × new tokens) that is diffed token by token.</summary>
    public const int CellBudget = 4_000_000;

    /// <summary>Line by line; each piece's text keeps its line break.</summary>
    public static IReadOnlyList<DiffPiece> Lines(string? oldText, string? newText) =>
        Diff(SplitLines(oldText), SplitLines(newText), SplitLines);

    /// <summary>Word by word; whitespace runs are tokens too, so joining the pieces gives back both texts exactly.</summary>
    public static IReadOnlyList<DiffPiece> Words(string? oldText, string? newText) =>
        Diff(SplitWords(oldText), SplitWords(newText), SplitWords);

    /// <summary>The old text (unchanged + removed pieces) and the new text (unchanged + added pieces).</summary>
    public static (string Old, string New) Reconstruct(IEnumerable<DiffPiece> pieces)
    {
        var list = pieces.ToList();
        return (string.Concat(list.Where(p => p.Kind != DiffKind.Added).Select(p => p.Text)),
            string.Concat(list.Where(p => p.Kind != DiffKind.Removed).Select(p => p.Text)));
    }

    [GeneratedRegex(@"\s+|[^\s]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordToken();

    private static List<string> SplitWords(string? text) =>
        string.IsNullOrEmpty(text) ? [] : WordToken().Matches(text.ReplaceLineEndings("\n")).Select(m => m.Value).ToList();

    private static List<string> SplitLines(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }
        var normalized = text.ReplaceLineEndings("\n");
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < normalized.Length; i++)
        {
            if (normalized[i] == '\n')
            {
                lines.Add(normalized[start..(i + 1)]);
                start = i + 1;
            }
        }
        if (start < normalized.Length)
        {
            lines.Add(normalized[start..]);
        }
        return lines;
    }

    private static List<DiffPiece> Diff(List<string> a, List<string> b, Func<string?, List<string>> split)
    {
        var pieces = new List<(DiffKind Kind, string Text)>();
        // Common prefix and suffix need no table: most edits touch a small part of a section.
        var prefix = 0;
        while (prefix < a.Count && prefix < b.Count && a[prefix] == b[prefix])
        {
            prefix++;
        }
        var suffix = 0;
        while (suffix < a.Count - prefix && suffix < b.Count - prefix && a[^(suffix + 1)] == b[^(suffix + 1)])
        {
            suffix++;
        }
        for (var i = 0; i < prefix; i++)
        {
            Add(pieces, DiffKind.Unchanged, a[i]);
        }
        var oldMiddle = a.GetRange(prefix, a.Count - prefix - suffix);
        var newMiddle = b.GetRange(prefix, b.Count - prefix - suffix);
        if ((long)oldMiddle.Count * newMiddle.Count > CellBudget)
        {
            oldMiddle.ForEach(t => Add(pieces, DiffKind.Removed, t));
            newMiddle.ForEach(t => Add(pieces, DiffKind.Added, t));
        }
        else
        {
            Middle(pieces, oldMiddle, newMiddle, split);
        }
        for (var i = a.Count - suffix; i < a.Count; i++)
        {
            Add(pieces, DiffKind.Unchanged, a[i]);
        }
        return Merge(pieces);
    }

    // DiffPlex's Myers diff over the same tokens; the chunker hands it our words or lines, so pieces keep whitespace.
    private static void Middle(List<(DiffKind Kind, string Text)> pieces, List<string> a, List<string> b, Func<string?, List<string>> split)
    {
        var result = Differ.Instance.CreateCustomDiffs(string.Concat(a), string.Concat(b), ignoreWhiteSpace: false, ignoreCase: false, text => [.. split(text)]);
        var oldTokens = result.PiecesOld;
        var newTokens = result.PiecesNew;
        var x = 0;
        foreach (var block in result.DiffBlocks)
        {
            while (x < block.DeleteStartA)
            {
                Add(pieces, DiffKind.Unchanged, oldTokens[x++]);
            }
            for (var i = 0; i < block.DeleteCountA; i++)
            {
                Add(pieces, DiffKind.Removed, oldTokens[x++]);
            }
            for (var i = 0; i < block.InsertCountB; i++)
            {
                Add(pieces, DiffKind.Added, newTokens[block.InsertStartB + i]);
            }
        }
        while (x < oldTokens.Count)
        {
            Add(pieces, DiffKind.Unchanged, oldTokens[x++]);
        }
    }

    private static void Add(List<(DiffKind Kind, string Text)> tokens, DiffKind kind, string text) => tokens.Add((kind, text));

    /// <summary>Joins consecutive tokens of the same kind into one piece.</summary>
    private static List<DiffPiece> Merge(List<(DiffKind Kind, string Text)> tokens)
    {
        var pieces = new List<DiffPiece>();
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < tokens.Count; i++)
        {
            text.Append(tokens[i].Text);
            if (i == tokens.Count - 1 || tokens[i + 1].Kind != tokens[i].Kind)
            {
                pieces.Add(new DiffPiece(tokens[i].Kind, text.ToString()));
                text.Clear();
            }
        }
        return pieces;
    }
}
