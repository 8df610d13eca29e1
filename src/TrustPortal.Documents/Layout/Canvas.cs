namespace TrustPortal.Documents.Layout;

/// <summary>The colors of the document, by meaning; the painter turns them into brushes and pens.</summary>
internal enum Ink
{
    Text,
    Heading,
    Muted,
    Rule,
    Shade,
}

/// <summary>One line of text; <see cref="Baseline"/> is where the glyphs sit.</summary>
internal readonly record struct TextRun(double X, double Baseline, string Text, TextFont Font, Ink Ink);

/// <summary>A straight line (borders, signature lines, separators).</summary>
internal readonly record struct RuleLine(double X1, double Y1, double X2, double Y2, double Width, Ink Ink);

/// <summary>A filled rectangle (table header background).</summary>
internal readonly record struct ShadeBox(double X, double Y, double Width, double Height, Ink Ink);

/// <summary>Rectangles filled as one shape, so no hairline seams show between neighbours (the modules of a QR code).</summary>
internal readonly record struct ShapeFill(IReadOnlyList<ShadeBox> Boxes, Ink Ink);

/// <summary>
/// A display list: what to draw on one page, or on a block that is placed onto a page later. Layout fills canvases
/// first and the painter draws them afterwards, which is how "Page x of n" knows n without a second drawing pass.
/// </summary>
internal class Canvas
{
    public List<ShadeBox> Shades { get; } = [];
    public List<RuleLine> Rules { get; } = [];
    public List<TextRun> Texts { get; } = [];
    public List<ShapeFill> Shapes { get; } = [];

    /// <summary>Adds a line of text whose line box starts at <paramref name="top"/>.</summary>
    public void Text(double x, double top, string text, TextFont font, Ink ink = Ink.Text)
    {
        if (text.Length > 0)
        {
            Texts.Add(new TextRun(x, top + font.Baseline, text, font, ink));
        }
    }

    public void Rule(double x1, double y1, double x2, double y2, double width = 0.5, Ink ink = Ink.Rule) =>
        Rules.Add(new RuleLine(x1, y1, x2, y2, width, ink));

    public void Shade(double x, double y, double width, double height, Ink ink = Ink.Shade) =>
        Shades.Add(new ShadeBox(x, y, width, height, ink));

    /// <summary>Copies everything onto <paramref name="target"/>, moved down by <paramref name="dy"/>.</summary>
    public void CopyTo(Canvas target, double dy)
    {
        foreach (var s in Shades)
        {
            target.Shades.Add(s with { Y = s.Y + dy });
        }
        foreach (var r in Rules)
        {
            target.Rules.Add(r with { Y1 = r.Y1 + dy, Y2 = r.Y2 + dy });
        }
        foreach (var t in Texts)
        {
            target.Texts.Add(t with { Baseline = t.Baseline + dy });
        }
        foreach (var shape in Shapes)
        {
            target.Shapes.Add(new ShapeFill(shape.Boxes.Select(b => b with { Y = b.Y + dy }).ToArray(), shape.Ink));
        }
    }
}

/// <summary>A canvas laid out at y = 0 with a known height, placed onto a page whole (kept together).</summary>
internal sealed class Block : Canvas
{
    public double Height { get; set; }
}
