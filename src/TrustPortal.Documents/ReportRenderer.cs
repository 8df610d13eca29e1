using TrustPortal.Documents.Layout;
using static TrustPortal.Documents.Layout.DocumentStyle;

namespace TrustPortal.Documents;

/// <summary>
/// Turns <see cref="ReportContent"/> into an A4 PDF laid out as a report: a title page (title, what it covers, key
/// facts, notice, contents), then each section from a new page. Shares the agreement engine's fonts, flow and painter.
/// </summary>
public static class ReportRenderer
{
    private const double FactLabelWidth = 150;
    private const double BulletIndent = 16;

    public static PdfSharp.Pdf.PdfDocument Render(ReportContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var flow = new PageFlow();
        TitlePage(flow, content);
        foreach (var section in content.Sections)
        {
            Section(flow, section);
        }
        return PagePainter.Paint(flow.Pages, content.Title, content.HeaderReference, content.Metadata);
    }

    private static void TitlePage(PageFlow flow, ReportContent content)
    {
        if (!string.IsNullOrWhiteSpace(content.Stamp))
        {
            // A bordered stamp at the top right, so nobody mistakes the document for the real thing.
            var stamp = TextCleaner.Line(content.Stamp).ToUpperInvariant();
            var width = Title.Measure(stamp) + 24;
            var x = Right - width;
            flow.Page.Rule(x, flow.Y, x + width, flow.Y, 2);
            flow.Page.Rule(x, flow.Y + Title.LineHeight + 12, x + width, flow.Y + Title.LineHeight + 12, 2);
            flow.Page.Rule(x, flow.Y, x, flow.Y + Title.LineHeight + 12, 2);
            flow.Page.Rule(x + width, flow.Y, x + width, flow.Y + Title.LineHeight + 12, 2);
            flow.Page.Text(x + 12, flow.Y + 6, stamp, Title, Ink.Heading);
        }
        flow.Advance(120);
        flow.Paragraph(content.Title, Title, Left, Width, Ink.Heading);
        flow.Gap(8);
        flow.Paragraph(content.Subtitle, Subheading, Left, Width, Ink.Muted);
        flow.Gap(18);
        flow.Page.Rule(Left, flow.Y, Right, flow.Y, 0.75);
        flow.Gap(14);
        foreach (var (label, value) in content.Facts)
        {
            flow.Paragraph(value, Body, Left + FactLabelWidth, Width - FactLabelWidth, Ink.Text, label.ToUpperInvariant(), Left, Label);
            flow.Gap(6);
        }
        if (!string.IsNullOrWhiteSpace(content.Notice))
        {
            flow.Gap(16);
            var lines = new List<string>();
            TextLayout.Wrap(TextCleaner.Paragraph(content.Notice), Body, Width - 28, lines);
            var box = new Block { Height = lines.Count * Body.LineHeight + 24 };
            box.Shade(Left, 0, Width, box.Height);
            box.Rule(Left, 0, Left, box.Height, 3, Ink.Heading);
            for (var i = 0; i < lines.Count; i++)
            {
                box.Text(Left + 16, 12 + i * Body.LineHeight, lines[i], Body, Ink.Heading);
            }
            flow.Place(box);
        }
        if (content.Sections.Count > 0)
        {
            flow.Gap(28);
            flow.Heading("Contents", Heading, Left, Width, content.Sections.Count * Body.LineHeight);
            flow.Gap(4);
            foreach (var section in content.Sections)
            {
                flow.Paragraph(section.Title, Body, Left + 60, Width - 60, Ink.Text, $"Section {TextCleaner.Line(section.Number)}", Left);
                flow.Gap(2);
            }
        }
    }

    private static void Section(PageFlow flow, ReportSection section)
    {
        flow.NewPage();
        flow.Paragraph($"SECTION {TextCleaner.Line(section.Number).ToUpperInvariant()}", Label, Left, Width, Ink.Muted);
        flow.Gap(2);
        flow.Heading(section.Title, PageTitle, Left, Width, 0);
        flow.Gap(6);
        flow.Page.Rule(Left, flow.Y, Right, flow.Y, 0.75);
        flow.Gap(12);
        foreach (var part in section.Parts)
        {
            if (!string.IsNullOrWhiteSpace(part.Heading))
            {
                flow.Gap(6);
                var following = part.Paragraphs.Count > 0 ? 2 * Body.LineHeight : 3 * Table.LineHeight + 14;
                flow.Heading(part.Heading, Subheading, Left, Width, 4 + following);
                flow.Gap(4);
            }
            foreach (var paragraph in part.Paragraphs)
            {
                flow.Paragraph(paragraph, Body, Left, Width);
                flow.Gap(6);
            }
            foreach (var bullet in part.Bullets ?? [])
            {
                flow.Paragraph(bullet, Body, Left + BulletIndent, Width - BulletIndent, Ink.Text, "\u2022", Left + 4);
                flow.Gap(3);
            }
            if (part.Bullets is { Count: > 0 })
            {
                flow.Gap(4);
            }
            if (part.Table is { } table)
            {
                flow.Gap(2);
                TableLayout.Write(flow, table.Columns, table.Rows, table.ColumnWeights, Left, Width);
                flow.Gap(12);
            }
        }
    }
}
