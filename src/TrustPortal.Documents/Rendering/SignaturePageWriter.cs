using TrustPortal.Documents.Layout;
using static TrustPortal.Documents.Layout.DocumentStyle;

namespace TrustPortal.Documents.Rendering;

/// <summary>The signature page: one bordered block per party, each kept whole on one page.</summary>
internal static class SignaturePageWriter
{
    private const double Pad = 12;
    private const double FieldLabelWidth = 44;

    public static void Write(PageFlow flow, AgreementContent content)
    {
        if (content.Signatures.Count == 0)
        {
            return;
        }
        flow.PageBreak();
        flow.Heading("Signatures", PageTitle, Left, Width, 0);
        flow.Gap(6);
        flow.Page.Rule(Left, flow.Y, Right, flow.Y, 0.75);
        flow.Gap(12);
        flow.Paragraph("The parties have executed this agreement by their authorized representatives.", Body, Left, Width);
        flow.Gap(14);
        foreach (var signature in content.Signatures)
        {
            flow.Place(Block(signature));
            flow.Gap(16);
        }
    }

    private static Block Block(SignatureBlock signature)
    {
        var block = new Block();
        var lines = new List<string>();
        var x = Left + Pad;
        var width = Width - 2 * Pad;
        var y = Pad;
        y = Wrapped(block, lines, TextCleaner.Line(signature.PartyRole).ToUpperInvariant(), Label, x, width, y, Ink.Muted);
        y = Wrapped(block, lines, TextCleaner.Paragraph(signature.LegalName), Subheading, x, width, y, Ink.Heading);
        y += 8;
        var lineWidth = Math.Min(width, 300);
        y = Wrapped(block, lines, TextCleaner.Line(signature.TypedSignature), Signature, x + 4, lineWidth - 4, y, Ink.Heading);
        block.Rule(x, y + 1, x + lineWidth, y + 1, 0.75, Ink.Muted);
        y += 8;
        y = Field(block, lines, "NAME", signature.SignerName, x, width, y);
        y = Field(block, lines, "TITLE", signature.SignerTitle, x, width, y);
        y = Field(block, lines, "DATE", signature.SignedOn, x, width, y);
        if (!string.IsNullOrWhiteSpace(signature.Note))
        {
            y += 4;
            y = Wrapped(block, lines, TextCleaner.Paragraph(signature.Note), Note, x, width, y, Ink.Muted);
        }
        y += Pad;
        block.Rule(Left, 0, Right, 0);
        block.Rule(Left, y, Right, y);
        block.Rule(Left, 0, Left, y);
        block.Rule(Right, 0, Right, y);
        block.Height = y;
        return block;
    }

    private static double Field(Block block, List<string> lines, string label, string value, double x, double width, double y)
    {
        // The label sits on the value's first baseline: the label font is smaller, so align by baseline, not top.
        block.Text(x, y + Body.Baseline - Label.Baseline, label, Label, Ink.Muted);
        return Wrapped(block, lines, TextCleaner.Paragraph(value), Body, x + FieldLabelWidth, width - FieldLabelWidth, y, Ink.Text);
    }

    private static double Wrapped(Block block, List<string> lines, string text, TextFont font, double x, double width, double y, Ink ink)
    {
        lines.Clear();
        TextLayout.Wrap(text, font, width, lines);
        foreach (var line in lines)
        {
            block.Text(x, y, line, font, ink);
            y += font.LineHeight;
        }
        return y;
    }
}
