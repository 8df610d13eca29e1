using TrustPortal.Documents.Layout;
using static TrustPortal.Documents.Layout.DocumentStyle;

namespace TrustPortal.Documents.Rendering;

/// <summary>
/// Numbered sections and clauses with hanging indents: numbers sit in a gutter and the text wraps aligned after it;
/// lettered items get a second, deeper gutter. One gutter width for the whole document keeps the text edge straight.
/// </summary>
internal static class ClauseWriter
{
    public static void Write(PageFlow flow, IReadOnlyList<ClauseSection> sections)
    {
        var gutter = Gutter(sections);
        var itemGutter = Math.Max(24, Body.Measure("(mm)") + 8);
        foreach (var section in sections)
        {
            flow.Gap(12);
            var number = string.IsNullOrWhiteSpace(section.Number) ? null : $"{section.Number.Trim()}.";
            // A heading keeps the first two lines of its first clause with it.
            flow.Heading(section.Heading, Heading, Left + gutter, Width - gutter, 4 + 2 * Body.LineHeight, number, Left);
            flow.Gap(4);
            foreach (var clause in section.Clauses)
            {
                flow.Paragraph(clause.Text, Body, Left + gutter, Width - gutter, Ink.Text, NumberLabel(clause.Number), Left);
                for (var i = 0; i < clause.Items.Count; i++)
                {
                    flow.Gap(3);
                    flow.Paragraph(clause.Items[i], Body, Left + gutter + itemGutter, Width - gutter - itemGutter, Ink.Text,
                        $"({Letters(i)})", Left + gutter);
                }
                flow.Gap(6);
            }
        }
    }

    private static string? NumberLabel(string number) => string.IsNullOrWhiteSpace(number) ? null : number.Trim();

    private static double Gutter(IReadOnlyList<ClauseSection> sections)
    {
        var widest = 0.0;
        foreach (var section in sections)
        {
            widest = Math.Max(widest, Heading.Measure(TextCleaner.Line(section.Number) + "."));
            foreach (var clause in section.Clauses)
            {
                widest = Math.Max(widest, Body.Measure(TextCleaner.Line(clause.Number)));
            }
        }
        return Math.Min(Math.Max(34, widest + 10), Width / 3);
    }

    /// <summary>0 → a, 25 → z, 26 → aa: items never run out of letters.</summary>
    internal static string Letters(int index)
    {
        var letters = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('a' + ((n - 1) % 26)) + letters;
        }
        return letters;
    }
}
