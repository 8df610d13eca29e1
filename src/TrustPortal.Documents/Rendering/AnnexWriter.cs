using TrustPortal.Documents.Layout;
using static TrustPortal.Documents.Layout.DocumentStyle;

namespace TrustPortal.Documents.Rendering;

/// <summary>Annexes, each from a new page: title, then parts of optional heading, paragraphs and table.</summary>
internal static class AnnexWriter
{
    public static void Write(PageFlow flow, IReadOnlyList<Annex> annexes)
    {
        foreach (var annex in annexes)
        {
            flow.PageBreak();
            var number = TextCleaner.Line(annex.Number).Trim();
            flow.Heading(number.Length == 0 ? annex.Title : $"Annex {number}: {TextCleaner.Line(annex.Title)}", PageTitle, Left, Width, 0);
            flow.Gap(6);
            flow.Page.Rule(Left, flow.Y, Right, flow.Y, 0.75);
            flow.Gap(12);
            foreach (var part in annex.Parts)
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
                if (part.Table is { } table)
                {
                    flow.Gap(2);
                    TableLayout.Write(flow, table.Columns, table.Rows, table.ColumnWeights, Left, Width);
                    flow.Gap(12);
                }
            }
        }
    }
}
