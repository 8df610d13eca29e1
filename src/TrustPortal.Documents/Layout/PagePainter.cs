using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using static TrustPortal.Documents.Layout.DocumentStyle;

namespace TrustPortal.Documents.Layout;

/// <summary>
/// Draws laid-out pages into a new PDF, with the running header (title left, agreement number right) and the footer
/// "Page x of n". Layout has finished, so n is known and every page gets a single content stream.
/// </summary>
internal static class PagePainter
{
    public static PdfDocument Paint(IReadOnlyList<Canvas> pages, string title, string number, DocumentMetadata metadata)
    {
        var document = new PdfDocument();
        Describe(document, metadata);
        // Brushes and pens are mutable PDFsharp objects: one set per document, never shared between threads.
        var brushes = Enum.GetValues<Ink>().Select(ink => new XSolidBrush(Color(ink))).ToArray();
        var pens = new Dictionary<(Ink, double), XPen>();
        var header = HeaderTexts(title, number);
        var total = pages.Count.ToString(CultureInfo.InvariantCulture);
        for (var index = 0; index < pages.Count; index++)
        {
            var page = document.AddPage();
            page.Size = PageSize.A4;
            using var gfx = XGraphics.FromPdfPage(page);
            foreach (var shade in pages[index].Shades)
            {
                gfx.DrawRectangle(brushes[(int)shade.Ink], shade.X, shade.Y, shade.Width, shade.Height);
            }
            foreach (var shape in pages[index].Shapes)
            {
                gfx.DrawPath(brushes[(int)shape.Ink], Path(shape));
            }
            foreach (var rule in pages[index].Rules)
            {
                gfx.DrawLine(Pen(pens, rule.Ink, rule.Width), rule.X1, rule.Y1, rule.X2, rule.Y2);
            }
            foreach (var text in pages[index].Texts)
            {
                gfx.DrawString(text.Text, text.Font.Font, brushes[(int)text.Ink], text.X, text.Baseline);
            }
            foreach (var text in header.Texts)
            {
                gfx.DrawString(text.Text, text.Font.Font, brushes[(int)text.Ink], text.X, text.Baseline);
            }
            gfx.DrawLine(Pen(pens, Ink.Rule, 0.5), Left, HeaderRule, Right, HeaderRule);
            var footer = string.Concat("Page ", (index + 1).ToString(CultureInfo.InvariantCulture), " of ", total);
            gfx.DrawString(footer, Small.Font, brushes[(int)Ink.Muted], (PageWidth - Small.Measure(footer)) / 2, FooterTop + Small.Baseline);
        }
        return document;
    }

    private static XGraphicsPath Path(ShapeFill shape)
    {
        var path = new XGraphicsPath { FillMode = XFillMode.Winding };
        foreach (var box in shape.Boxes)
        {
            path.AddRectangle(box.X, box.Y, box.Width, box.Height);
        }
        return path;
    }

    private static void Describe(PdfDocument document, DocumentMetadata metadata)
    {
        var info = document.Info;
        info.Title = TextCleaner.Line(metadata.Title);
        info.Author = TextCleaner.Line(metadata.Author);
        info.Subject = TextCleaner.Line(metadata.Subject);
        info.Keywords = TextCleaner.Line(metadata.Keywords);
        info.Creator = "TrustPortal document engine";
        var created = metadata.CreatedUtc.Kind == DateTimeKind.Local ? metadata.CreatedUtc.ToUniversalTime() : metadata.CreatedUtc;
        info.CreationDate = DateTime.SpecifyKind(created, DateTimeKind.Utc);
        info.ModificationDate = info.CreationDate;
    }

    // The agreement number wins the header: the title gives way with an ellipsis (the number only past half the width).
    private static Canvas HeaderTexts(string title, string number)
    {
        var header = new Canvas();
        var cleanNumber = TextLayout.Fit(TextCleaner.Line(number), Small, Width / 2);
        var numberWidth = Small.Measure(cleanNumber);
        header.Text(Right - numberWidth, HeaderTop, cleanNumber, Small, Ink.Muted);
        header.Text(Left, HeaderTop, TextLayout.Fit(TextCleaner.Line(title), Small, Width - numberWidth - 24), Small, Ink.Muted);
        return header;
    }

    private static XPen Pen(Dictionary<(Ink, double), XPen> pens, Ink ink, double width)
    {
        if (!pens.TryGetValue((ink, width), out var pen))
        {
            pen = new XPen(Color(ink), width);
            pens[(ink, width)] = pen;
        }
        return pen;
    }
}
