using System.Globalization;
using TrustPortal.Documents.Layout;
using static TrustPortal.Documents.Layout.DocumentStyle;

namespace TrustPortal.Documents.Rendering;

/// <summary>The certificate of execution, from a new page: events table, facts (hashes, versions) and how to verify.</summary>
internal static class CertificatePageWriter
{
    private static readonly string[] EventColumns = ["Time (UTC)", "Event", "IP address", "User agent"];

    public static void Write(PageFlow flow, AgreementContent content)
    {
        var certificate = content.Certificate;
        if (certificate.Events.Count == 0 && certificate.Facts.Count == 0 && certificate.Verification.Count == 0)
        {
            return;
        }
        flow.PageBreak();
        flow.Heading("Certificate of execution", PageTitle, Left, Width, 0);
        flow.Paragraph($"{content.Title}, agreement number {content.AgreementNumber}", Body, Left, Width, Ink.Muted);
        flow.Gap(6);
        flow.Page.Rule(Left, flow.Y, Right, flow.Y, 0.75);
        flow.Gap(12);
        if (certificate.Events.Count > 0)
        {
            flow.Heading("Events", Subheading, Left, Width, 4 + 3 * Table.LineHeight + 14);
            flow.Gap(4);
            var rows = certificate.Events.Select(e => (IReadOnlyList<string>)
                [Time(e.AtUtc), e.Description, e.IpAddress ?? "—", e.UserAgent ?? "—"]).ToList();
            // Times and IPv4 addresses stay on one line (an IPv6 address may break at a colon); the event and the
            // user agent share the rest.
            var timeWidth = Table.Measure(rows[0][0]) + 12;
            var ipWidth = Math.Min(Math.Max(rows.Max(r => Table.Measure(r[2])), TableBold.Measure(EventColumns[2])) + 12, 100);
            var rest = Width - timeWidth - ipWidth;
            TableLayout.Write(flow, EventColumns, rows, [timeWidth, rest * 0.58, ipWidth, rest * 0.42], Left, Width);
            flow.Gap(16);
        }
        if (certificate.Facts.Count > 0)
        {
            flow.Heading("Details", Subheading, Left, Width, 4 + Label.LineHeight + Body.LineHeight);
            flow.Gap(4);
            foreach (var fact in certificate.Facts)
            {
                flow.Place(Fact(fact.Key, fact.Value));
                flow.Gap(5);
            }
            flow.Gap(11);
        }
        if (certificate.Verification.Count > 0 || certificate.StatusUrl is not null)
        {
            // With a status address, the code sits at the left and every verification text beside it, in one block.
            var code = certificate.StatusUrl is { } url ? StatusCode(url, certificate.Verification) : null;
            flow.Heading("Verification", Subheading, Left, Width, 4 + (code?.Height ?? 2 * Body.LineHeight));
            flow.Gap(4);
            if (code is not null)
            {
                flow.Place(code);
                return;
            }
            foreach (var paragraph in certificate.Verification)
            {
                flow.Paragraph(paragraph, Body, Left, Width);
                flow.Gap(6);
            }
        }
    }

    /// <summary>Side of the printed QR code: 2.5 cm, which a phone reads easily from paper.</summary>
    internal const double StatusCodeSize = 72;

    /// <summary>Blank space kept above the code and between it and the text: at least the quiet zone of a version 5 code at this size.</summary>
    private const double StatusCodeMargin = 10;

    private static readonly TextFont[] UrlFonts = [Body, Table, Small];

    /// <summary>
    /// The QR code at the left and, beside it, what it is for, its address as text (for typing it in) and the
    /// <paramref name="paragraphs"/> on checking the file.
    /// </summary>
    private static Block StatusCode(string url, IReadOnlyList<string> paragraphs)
    {
        var block = new Block();
        // Flush with the text margin; the page margin to its left is part of its quiet zone.
        block.Shapes.Add(QrCodeMark.Draw(url, Left, StatusCodeMargin, StatusCodeSize));
        var textLeft = Left + StatusCodeSize + 2 * StatusCodeMargin;
        var textWidth = Right - textLeft;
        var y = StatusCodeMargin - 2;
        y = Lines(block, "Look this agreement up", TableBold, Ink.Muted, textLeft, textWidth, y);
        // The address on one line if any size fits: a reader types it, and a wrapped URL is easy to mistype.
        var address = TextCleaner.Line(url);
        var font = UrlFonts.FirstOrDefault(f => f.Measure(address) <= textWidth) ?? UrlFonts[^1];
        y = Lines(block, address, font, Ink.Text, textLeft, textWidth, y);
        y = Lines(block, "Scan the code or type the address to see this agreement's status today, with no upload.", Table, Ink.Muted, textLeft, textWidth, y);
        foreach (var paragraph in paragraphs)
        {
            y = Lines(block, TextCleaner.Paragraph(paragraph), Body, Ink.Text, textLeft, textWidth, y + 6);
        }
        block.Height = Math.Max(2 * StatusCodeMargin + StatusCodeSize, y + 6);
        return block;
    }

    private static double Lines(Block block, string text, TextFont font, Ink ink, double x, double width, double y)
    {
        var lines = new List<string>();
        TextLayout.Wrap(text, font, width, lines);
        foreach (var line in lines)
        {
            block.Text(x, y, line, font, ink);
            y += font.LineHeight;
        }
        return y;
    }

    /// <summary>"yyyy-MM-dd HH:mm:ss UTC"; a local time is converted, an unspecified one is taken as UTC.</summary>
    internal static string Time(DateTime at) =>
        (at.Kind == DateTimeKind.Local ? at.ToUniversalTime() : at).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    // Key above value: a value such as a SHA-256 hash then has the full width and stays on one line.
    private static Block Fact(string key, string value)
    {
        var block = new Block();
        var lines = new List<string>();
        TextLayout.Wrap(TextCleaner.Line(key), TableBold, Width, lines);
        var y = 0.0;
        foreach (var line in lines)
        {
            block.Text(Left, y, line, TableBold, Ink.Muted);
            y += TableBold.LineHeight;
        }
        lines.Clear();
        TextLayout.Wrap(TextCleaner.Paragraph(value), Body, Width, lines);
        foreach (var line in lines)
        {
            block.Text(Left, y, line, Body, Ink.Text);
            y += Body.LineHeight;
        }
        block.Height = y;
        return block;
    }
}
