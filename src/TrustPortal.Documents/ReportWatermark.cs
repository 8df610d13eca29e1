using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;
using TrustPortal.Documents.Layout;
using TrustPortal.Documents.Untrusted;

namespace TrustPortal.Documents;

/// <summary>
/// Marks every page of an existing PDF with who received it: the lines large, light and diagonal across the middle,
/// and a footer sentence in small dark type along the bottom edge (it survives cropping and text extraction).
/// Thread-safe: each call opens and writes its own document; only the immutable footer font is shared.
/// </summary>
public static class ReportWatermark
{
    private const double FooterMargin = 36;
    private const double FooterBottom = 14;
    private const double MinDiagonalSize = 10;
    private const double MaxDiagonalSize = 30;
    private const double DiagonalLineSpacing = 1.5;

    // Light enough to read the page through it, dark enough to survive a photocopy.
    private static readonly XColor DiagonalColor = XColor.FromArgb(52, 0x6B, 0x72, 0x80);
    private static readonly XColor FooterColor = XColor.FromArgb(0x37, 0x41, 0x51);
    private static readonly TextFont FooterFont = new(XFontStyleEx.Regular, 7, 9);

    /// <summary>The lines diagonally, and the same lines joined with " · " as the footer.</summary>
    public static byte[] Apply(byte[] pdf, IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return Apply(pdf, lines, string.Join(" · ", lines.Select(l => l?.Trim()).Where(l => !string.IsNullOrEmpty(l))));
    }

    /// <summary>
    /// Returns a copy of <paramref name="pdf"/> with <paramref name="lines"/> stacked diagonally across every page and
    /// <paramref name="footer"/> (wrapped if it is long) along the bottom of every page. A document signature, if any,
    /// no longer covers the copy. Throws <see cref="ArgumentException"/> when the input is not a readable PDF with pages.
    /// </summary>
    public static byte[] Apply(byte[] pdf, IReadOnlyList<string> lines, string footer)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(footer);
        var diagonal = lines.Select(l => TextCleaner.Line(l).Trim()).Where(l => l.Length > 0).ToList();
        var footerText = TextCleaner.Line(footer).Trim();
        // An empty watermark would deliver an unmarked copy.
        if (diagonal.Count == 0)
        {
            throw new ArgumentException("The watermark needs at least one line of text.", nameof(lines));
        }
        if (footerText.Length == 0)
        {
            throw new ArgumentException("The watermark needs a footer.", nameof(footer));
        }
        DocumentFonts.EnsureInstalled();
        using var document = Open(pdf);
        // Brushes are mutable PDFsharp objects: one set per call, never shared between threads.
        var diagonalBrush = new XSolidBrush(DiagonalColor);
        var footerBrush = new XSolidBrush(FooterColor);
        XFont? diagonalFont = null;
        foreach (var page in document.Pages)
        {
            using var gfx = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var (transform, size) = VisibleArea(page, gfx.PageSize.Height);
            gfx.MultiplyTransform(transform);
            DrawDiagonal(gfx, size, diagonal, diagonalBrush, ref diagonalFont);
            DrawFooter(gfx, size, footerText, footerBrush);
        }
        document.Options.CompressContentStreams = true;
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    private static PdfDocument Open(byte[] pdf)
    {
        if (!LooksLikePdf(pdf))
        {
            throw new ArgumentException("The file is not a PDF: it has no %PDF- header.", nameof(pdf));
        }
        var (document, error) = UntrustedPdf.TryOpen(pdf, PdfDocumentOpenMode.Modify);
        if (document is null)
        {
            throw new ArgumentException($"The PDF cannot be opened for watermarking: {error}", nameof(pdf));
        }
        if (document.PageCount == 0)
        {
            document.Dispose();
            throw new ArgumentException("The PDF has no pages to watermark.", nameof(pdf));
        }
        return document;
    }

    /// <summary>
    /// Where drawing must go to be upright and visible as a reader sees the page: PDFsharp draws in the unrotated
    /// MediaBox space (x from 0, y flipped about the page height) and ignores /CropBox and /Rotate, which viewers apply.
    /// The transform maps upright coordinates of the visible area, of the returned size, onto that space.
    /// </summary>
    private static (XMatrix Transform, XSize Size) VisibleArea(PdfPage page, double flipHeight)
    {
        var media = page.MediaBox;
        var box = media;
        // Reading PdfPage.CropBox when there is none adds an empty one, which would hide the whole page.
        if (page.Elements.ContainsKey("/CropBox"))
        {
            var crop = page.CropBox;
            var x1 = Math.Max(crop.X1, media.X1);
            var y1 = Math.Max(crop.Y1, media.Y1);
            var x2 = Math.Min(crop.X2, media.X2);
            var y2 = Math.Min(crop.Y2, media.Y2);
            if (x2 - x1 > 1 && y2 - y1 > 1)
            {
                box = new PdfRectangle(new XPoint(x1, y1), new XPoint(x2, y2));
            }
        }
        var x = box.X1;
        var y = flipHeight - box.Y2;
        var w = box.Width;
        var h = box.Height;
        // /Rotate turns the page clockwise for display.
        return (((page.Rotate % 360) + 360) % 360) switch
        {
            90 => (new XMatrix(0, -1, 1, 0, x, y + h), new XSize(h, w)),
            180 => (new XMatrix(-1, 0, 0, -1, x + w, y + h), new XSize(w, h)),
            270 => (new XMatrix(0, 1, -1, 0, x + w, y), new XSize(h, w)),
            _ => (new XMatrix(1, 0, 0, 1, x, y), new XSize(w, h)),
        };
    }

    // The header may follow up to 1 KB of leading bytes, as readers allow.
    private static bool LooksLikePdf(byte[] pdf) =>
        pdf.AsSpan(0, Math.Min(pdf.Length, 1024)).IndexOf("%PDF-"u8) >= 0;

    private static void DrawDiagonal(XGraphics gfx, XSize size, List<string> lines, XBrush brush, ref XFont? font)
    {
        var diagonal = Math.Sqrt(size.Width * size.Width + size.Height * size.Height);
        var widestEm = lines.Max(l => FaceWidths.For(XFontStyleEx.Bold).Measure(l));
        // The widest line spans at most 55% of the diagonal, so it never reaches a corner; the stack stays within half the shorter side.
        var emSize = Math.Min(0.55 * diagonal / Math.Max(widestEm, 1), 0.5 * Math.Min(size.Width, size.Height) / (lines.Count * DiagonalLineSpacing));
        emSize = Math.Round(Math.Clamp(emSize, MinDiagonalSize, MaxDiagonalSize) * 2) / 2;
        if (font is null || Math.Abs(font.Size - emSize) > 0.01)
        {
            font = new XFont(DocumentFonts.Family, emSize, XFontStyleEx.Bold);
        }
        var center = new XPoint(size.Width / 2, size.Height / 2);
        var angle = Math.Atan2(size.Height, size.Width) * 180 / Math.PI;
        var state = gfx.Save();
        // Bottom-left to top-right: y grows downwards, so the rotation is negative.
        gfx.RotateAtTransform(-angle, center);
        var lineHeight = emSize * DiagonalLineSpacing;
        var top = center.Y - lineHeight * (lines.Count - 1) / 2;
        for (var i = 0; i < lines.Count; i++)
        {
            gfx.DrawString(lines[i], font, brush, new XPoint(center.X, top + i * lineHeight), XStringFormats.Center);
        }
        gfx.Restore(state);
    }

    private static void DrawFooter(XGraphics gfx, XSize size, string footer, XBrush brush)
    {
        var width = Math.Max(size.Width - 2 * FooterMargin, 72);
        var wrapped = new List<string>();
        TextLayout.Wrap(footer, FooterFont, width, wrapped);
        var baseline = size.Height - FooterBottom - (wrapped.Count - 1) * FooterFont.LineHeight;
        foreach (var line in wrapped)
        {
            gfx.DrawString(line, FooterFont.Font, brush, (size.Width - FooterFont.Measure(line)) / 2, baseline);
            baseline += FooterFont.LineHeight;
        }
    }
}
