using PdfSharp.Drawing;

namespace TrustPortal.Documents.Layout;

/// <summary>A DejaVu face at one size with its line height; one shared XFont per style, created once per process.</summary>
internal sealed class TextFont
{
    private readonly FaceWidths widths;

    public TextFont(XFontStyleEx style, double size, double lineHeight)
    {
        DocumentFonts.EnsureInstalled();
        Font = new XFont(DocumentFonts.Family, size, style);
        widths = FaceWidths.For(style);
        Size = size;
        LineHeight = lineHeight;
        var metrics = Font.Metrics;
        var ascent = metrics.Ascent * size / metrics.UnitsPerEm;
        var descent = Math.Abs(metrics.Descent) * size / metrics.UnitsPerEm;
        // Center the glyph box in the line box, so extra leading splits evenly above and below.
        Baseline = (lineHeight - ascent - descent) / 2 + ascent;
    }

    public XFont Font { get; }
    public double Size { get; }
    public double LineHeight { get; }

    /// <summary>Distance from the top of a line box to the text's baseline.</summary>
    public double Baseline { get; }

    public double Measure(ReadOnlySpan<char> text) => widths.Measure(text) * Size;
}
