using static TrustPortal.Documents.Layout.DocumentStyle;

namespace TrustPortal.Documents.Layout;

/// <summary>
/// The cursor down a sequence of A4 pages: places lines, paragraphs and kept-together blocks, and starts a new page
/// when the next thing does not fit above the bottom margin. Not thread-safe: one flow per render.
/// </summary>
internal sealed class PageFlow
{
    // Rounding in sums of line heights must not push a line that fits onto the next page.
    private const double Tolerance = 0.01;
    private readonly List<string> lines = [];

    public PageFlow() => NewPage();

    public List<Canvas> Pages { get; } = [];
    public Canvas Page => Pages[^1];

    /// <summary>The top of the next line box on the current page.</summary>
    public double Y { get; private set; }

    public bool AtPageTop => Y <= Top + Tolerance;

    public void NewPage()
    {
        Pages.Add(new Canvas());
        Y = Top;
    }

    /// <summary>Starts a new page unless the current one is still empty.</summary>
    public void PageBreak()
    {
        if (!AtPageTop)
        {
            NewPage();
        }
    }

    public bool Fits(double height) => Y + height <= Bottom + Tolerance;

    /// <summary>Moves to a new page unless <paramref name="height"/> still fits (or the page is empty anyway).</summary>
    public void KeepTogether(double height)
    {
        if (!Fits(height) && !AtPageTop)
        {
            NewPage();
        }
    }

    /// <summary>Vertical space between things; swallowed at the top of a page so pages start flush.</summary>
    public void Gap(double height)
    {
        if (!AtPageTop)
        {
            Y = Math.Min(Y + height, Bottom);
        }
    }

    public void Advance(double height) => Y += height;

    /// <summary>A heading kept on the same page as at least the first <paramref name="followingHeight"/> points after it.</summary>
    public void Heading(string text, TextFont font, double x, double width, double followingHeight, string? label = null, double labelX = 0)
    {
        lines.Clear();
        TextLayout.Wrap(TextCleaner.Line(text), font, width, lines);
        KeepTogether(lines.Count * font.LineHeight + followingHeight);
        WriteLines(font, x, Ink.Heading, label is null ? null : TextCleaner.Line(label), labelX, font);
    }

    /// <summary>
    /// Wrapped text at <paramref name="x"/>; an optional label (a clause number) sits at <paramref name="labelX"/> on the
    /// first line, which gives the hanging indent. The first two lines stay together, and so do the last two.
    /// </summary>
    public void Paragraph(string text, TextFont font, double x, double width, Ink ink = Ink.Text,
        string? label = null, double labelX = 0, TextFont? labelFont = null)
    {
        lines.Clear();
        TextLayout.Wrap(TextCleaner.Paragraph(text), font, width, lines);
        KeepTogether(Math.Min(lines.Count, 2) * font.LineHeight);
        WriteLines(font, x, ink, label is null ? null : TextCleaner.Line(label), labelX, labelFont ?? font);
    }

    /// <summary>Places a block whole on one page; only a block taller than a page is split, between its lines.</summary>
    public void Place(Block block)
    {
        if (block.Height <= Bottom - Top)
        {
            KeepTogether(block.Height);
            block.CopyTo(Page, Y);
            Y += block.Height;
            return;
        }
        PlaceSplit(block);
    }

    private void WriteLines(TextFont font, double x, Ink ink, string? label, double labelX, TextFont labelFont)
    {
        var height = font.LineHeight;
        for (var i = 0; i < lines.Count; i++)
        {
            var widow = i >= 2 && i == lines.Count - 2 && !Fits(2 * height);
            if (!Fits(height) || widow)
            {
                NewPage();
            }
            if (i == 0 && label is not null)
            {
                Page.Text(labelX, Y, label, labelFont, ink);
            }
            Page.Text(x, Y, lines[i], font, ink);
            Y += height;
        }
    }

    // Only for a block taller than a whole page (e.g. a signature note of thousands of words): texts flow on in
    // order, and lines and shades are dropped where they would straddle a page break.
    private void PlaceSplit(Block block)
    {
        PageBreak();
        var shift = Y;
        var pageStart = 0.0;
        foreach (var text in block.Texts)
        {
            var top = text.Baseline - text.Font.Baseline;
            if (top + text.Font.LineHeight + shift > Bottom + Tolerance)
            {
                NewPage();
                shift = Top - top;
                pageStart = top;
            }
            Page.Texts.Add(text with { Baseline = text.Baseline + shift });
        }
        foreach (var rule in block.Rules.Where(r => Math.Min(r.Y1, r.Y2) >= pageStart))
        {
            Page.Rules.Add(rule with { Y1 = rule.Y1 + shift, Y2 = rule.Y2 + shift });
        }
        Y = Math.Min(block.Height + shift, Bottom);
    }
}
