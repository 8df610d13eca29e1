using TrustPortal.Documents.Layout;
using static TrustPortal.Documents.Layout.DocumentStyle;

namespace TrustPortal.Documents.Rendering;

/// <summary>The first page's opening: title, agreement number, preamble and the parties side by side.</summary>
internal static class FrontMatterWriter
{
    private const double ColumnGap = 24;

    public static void Write(PageFlow flow, AgreementContent content)
    {
        flow.Paragraph(content.Title, Title, Left, Width, Ink.Heading);
        flow.Paragraph($"Agreement number {content.AgreementNumber}", Body, Left, Width, Ink.Muted);
        flow.Gap(8);
        flow.Page.Rule(Left, flow.Y, Right, flow.Y, 0.75);
        flow.Gap(14);
        foreach (var paragraph in content.Preamble)
        {
            flow.Paragraph(paragraph, Body, Left, Width);
            flow.Gap(6);
        }
        if (content.Parties.Count == 0)
        {
            return;
        }
        flow.Gap(8);
        flow.Heading("Parties", Heading, Left, Width, Label.LineHeight + Subheading.LineHeight + Body.LineHeight);
        flow.Gap(4);
        var columnWidth = (Width - ColumnGap) / 2;
        for (var i = 0; i < content.Parties.Count; i += 2)
        {
            var row = new Block();
            var left = Party(row, content.Parties[i], Left, columnWidth);
            var right = i + 1 < content.Parties.Count ? Party(row, content.Parties[i + 1], Left + columnWidth + ColumnGap, columnWidth) : 0;
            row.Height = Math.Max(left, right);
            flow.Place(row);
            flow.Gap(10);
        }
    }

    private static double Party(Block block, PartyBlock party, double x, double width)
    {
        var lines = new List<string>();
        var y = 0.0;
        TextLayout.Wrap(TextCleaner.Line(party.Role).ToUpperInvariant(), Label, width - 10, lines);
        y = Lines(block, lines, Label, x + 10, y, Ink.Muted);
        lines.Clear();
        TextLayout.Wrap(TextCleaner.Paragraph(party.LegalName), Subheading, width - 10, lines);
        y = Lines(block, lines, Subheading, x + 10, y, Ink.Heading);
        foreach (var line in party.Lines)
        {
            lines.Clear();
            TextLayout.Wrap(TextCleaner.Paragraph(line), Body, width - 10, lines);
            y = Lines(block, lines, Body, x + 10, y, Ink.Text);
        }
        // A rule down the left edge ties one party's lines together.
        block.Rule(x, 1, x, y - 1, 1.5);
        return y;
    }

    private static double Lines(Block block, List<string> lines, TextFont font, double x, double y, Ink ink)
    {
        foreach (var line in lines)
        {
            block.Text(x, y, line, font, ink);
            y += font.LineHeight;
        }
        return y;
    }
}
