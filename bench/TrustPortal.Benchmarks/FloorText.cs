using PdfSharp.Drawing;
using TrustPortal.Documents;

namespace TrustPortal.Benchmarks;

/// <summary>One line of the floor: text and the face the agreement prints it in.</summary>
internal readonly record struct FloorLine(string Text, XFontStyleEx Style);

/// <summary>
/// The floor's text: every string of the agreement, in the face the agreement prints it in (bold headings, oblique
/// signatures), cut into lines of at most 90 characters without measuring, and spread evenly over the pages.
/// </summary>
internal static class FloorText
{
    private const int LineLength = 90;
    private const XFontStyleEx Regular = XFontStyleEx.Regular;
    private const XFontStyleEx Bold = XFontStyleEx.Bold;
    private const XFontStyleEx Oblique = XFontStyleEx.Italic;

    public static FloorLine[][] Pages(AgreementContent content, int pageCount)
    {
        var lines = new List<FloorLine>();
        foreach (var (text, style) in Strings(content))
        {
            for (var start = 0; start < text.Length; start += LineLength)
            {
                lines.Add(new FloorLine(text.Substring(start, Math.Min(LineLength, text.Length - start)), style));
            }
        }
        var perPage = (lines.Count + pageCount - 1) / pageCount;
        return Enumerable.Range(0, pageCount).Select(p => lines.Skip(p * perPage).Take(perPage).ToArray()).ToArray();
    }

    private static IEnumerable<(string, XFontStyleEx)> Strings(AgreementContent content)
    {
        yield return (content.Title, Bold);
        yield return ($"Agreement number {content.AgreementNumber}", Regular);
        foreach (var p in content.Preamble)
        {
            yield return (p, Regular);
        }
        foreach (var party in content.Parties)
        {
            yield return (party.Role, Bold);
            yield return (party.LegalName, Bold);
            foreach (var line in party.Lines)
            {
                yield return (line, Regular);
            }
        }
        foreach (var section in content.Sections)
        {
            yield return ($"{section.Number}. {section.Heading}", Bold);
            foreach (var clause in section.Clauses)
            {
                yield return ($"{clause.Number} {clause.Text}", Regular);
                foreach (var item in clause.Items)
                {
                    yield return (item, Regular);
                }
            }
        }
        foreach (var annex in content.Annexes)
        {
            yield return ($"Annex {annex.Number}: {annex.Title}", Bold);
            foreach (var part in annex.Parts)
            {
                if (part.Heading is not null)
                {
                    yield return (part.Heading, Bold);
                }
                foreach (var paragraph in part.Paragraphs)
                {
                    yield return (paragraph, Regular);
                }
                if (part.Table is { } table)
                {
                    foreach (var column in table.Columns)
                    {
                        yield return (column, Bold);
                    }
                    foreach (var cell in table.Rows.SelectMany(r => r))
                    {
                        yield return (cell, Regular);
                    }
                }
            }
        }
        foreach (var s in content.Signatures)
        {
            yield return (s.PartyRole, Bold);
            yield return (s.LegalName, Bold);
            yield return (s.TypedSignature, Oblique);
            yield return ($"Name {s.SignerName} Title {s.SignerTitle} Date {s.SignedOn}", Regular);
            yield return (s.Note ?? "", Oblique);
        }
        foreach (var e in content.Certificate.Events)
        {
            yield return ($"{e.AtUtc:yyyy-MM-dd HH:mm:ss} UTC {e.Description} {e.IpAddress} {e.UserAgent}", Regular);
        }
        foreach (var fact in content.Certificate.Facts)
        {
            yield return (fact.Key, Bold);
            yield return (fact.Value, Regular);
        }
        foreach (var paragraph in content.Certificate.Verification)
        {
            yield return (paragraph, Regular);
        }
    }
}
