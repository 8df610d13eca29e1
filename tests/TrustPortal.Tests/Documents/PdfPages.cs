using UglyToad.PdfPig;

namespace TrustPortal.Tests.Documents;

/// <summary>
/// A PDF read back with PdfPig, page by page: all words, and the body words without the running header and footer
/// (so text that flows across a page break reads on without them in between).
/// </summary>
internal sealed class PdfPages
{
    private PdfPages(List<string> all, List<string> body, List<string> stray)
    {
        All = all;
        Body = body;
        Stray = stray;
    }

    /// <summary>Words outside the header band, the body area (A4 less the margins) and the footer band: should be none.</summary>
    public IReadOnlyList<string> Stray { get; }

    /// <summary>Each page's words joined by single spaces.</summary>
    public IReadOnlyList<string> All { get; }

    /// <summary>Each page's words between the header rule and the footer, joined by single spaces.</summary>
    public IReadOnlyList<string> Body { get; }

    public int Count => All.Count;

    /// <summary>The body of every page, read on as one text.</summary>
    public string Text => string.Join(" ", Body);

    public static PdfPages Read(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var all = new List<string>();
        var body = new List<string>();
        var stray = new List<string>();
        foreach (var page in document.GetPages())
        {
            var words = page.GetWords().ToList();
            all.Add(string.Join(" ", words.Select(w => w.Text)));
            // PDF y grows upwards: the header sits above y = 785 and the footer below y = 60 on A4 (842 pt high).
            body.Add(string.Join(" ", words.Where(w => w.BoundingBox.Bottom > 60 && w.BoundingBox.Top < 785).Select(w => w.Text)));
            // Body: 80 pt from the top to 72 pt from the bottom; a point or two of slack for glyph boxes.
            stray.AddRange(words
                .Where(w => !(w.BoundingBox.Bottom >= 70 && w.BoundingBox.Top <= 764) && w.BoundingBox.Bottom < 785 && w.BoundingBox.Top > 50)
                .Select(w => $"page {page.Number}: {w.Text} at y {w.BoundingBox.Bottom:F0}-{w.BoundingBox.Top:F0}"));
        }
        return new PdfPages(all, body, stray);
    }

    /// <summary>Indexes of the pages whose body contains <paramref name="text"/>.</summary>
    public List<int> PagesWith(string text) =>
        Enumerable.Range(0, Count).Where(i => Body[i].Contains(text, StringComparison.Ordinal)).ToList();

    public static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
