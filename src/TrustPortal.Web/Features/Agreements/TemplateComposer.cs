using System.Globalization;
using TrustPortal.Documents;

namespace TrustPortal.Web.Features.Agreements;

/// <summary>
/// Turns a parsed template into the numbered sections and annexes of a document: placeholders filled with plain
/// text, clause numbers from the order, and each "{{annex:name}}" replaced by the table the caller supplies.
/// </summary>
public static class TemplateComposer
{
    public static IReadOnlyList<ClauseSection> Sections(ParsedTemplate template, IReadOnlyDictionary<string, string> values) =>
        template.Sections.Select((section, s) => new ClauseSection(
            (s + 1).ToString(CultureInfo.InvariantCulture),
            TemplateParser.Fill(section.Heading, values),
            section.Clauses.Select((clause, c) => new Clause(
                $"{s + 1}.{c + 1}",
                TemplateParser.Fill(clause.Text, values),
                clause.Items.Select(i => TemplateParser.Fill(i, values)).ToList())).ToList())).ToList();

    public static IReadOnlyList<string> Preamble(ParsedTemplate template, IReadOnlyDictionary<string, string> values) =>
        template.Preamble.Select(p => TemplateParser.Fill(p, values)).ToList();

    public static IReadOnlyList<Annex> Annexes(ParsedTemplate template, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, AnnexTable> tables) =>
        template.Annexes.Select(annex => new Annex(annex.Number, TemplateParser.Fill(annex.Title, values), annex.Blocks.Select(block => block switch
        {
            { Placeholder: { } name } => new AnnexPart(null, [], tables.TryGetValue(name, out var table) ? table : new AnnexTable(["Details"], [["Not applicable."]])),
            { Rows: { } rows } => new AnnexPart(null, [], new AnnexTable(["Area", "Measures"], rows.Select(r => (IReadOnlyList<string>)[TemplateParser.Fill(r.Key, values), TemplateParser.Fill(r.Value, values)]).ToList(), [1, 3])),
            _ => new AnnexPart(null, [TemplateParser.Fill(block.Paragraph ?? "", values)], null),
        }).ToList())).ToList();

    public static string LongDate(DateTime utc) => utc.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The certificate page's record of what the agreement froze: template, commitments and subprocessors.</summary>
    public static IEnumerable<KeyValuePair<string, string>> FrozenFacts(FrozenTerms terms) =>
    [
        new("Template", $"{terms.Template.Title}, version {terms.Template.Version} (effective {terms.Template.EffectiveDate:yyyy-MM-dd})"),
        new("Template SHA-256", terms.Template.Sha256),
        new("Commitments version", terms.CommitmentsVersion.ToString(CultureInfo.InvariantCulture)),
        new("Commitments SHA-256", terms.CommitmentsSha256),
        new("Subprocessor list SHA-256", terms.SubprocessorsSha256),
    ];

    /// <summary>How anyone can check a copy, printed at the end of every certificate page.</summary>
    public static IReadOnlyList<string> Verification(string vendorLegalName, string verifyUrl) =>
    [
        $"This document is sealed with {vendorLegalName}'s document certificate. Any change to the file, even one byte, breaks the seal.",
        $"To check a copy, upload it at {verifyUrl}. The portal confirms the seal and that this exact file is the one it issued.",
    ];
}
