using System.Text.RegularExpressions;

namespace TrustPortal.Web.Features.Agreements;

/// <summary>An agreement template read into its structure: preamble, numbered sections of clauses, and annexes.</summary>
public sealed record ParsedTemplate(IReadOnlyList<string> Preamble, IReadOnlyList<TemplateSection> Sections, IReadOnlyList<TemplateAnnex> Annexes);

public sealed record TemplateSection(string Heading, IReadOnlyList<TemplateClause> Clauses);

public sealed record TemplateClause(string Text, IReadOnlyList<string> Items);

public sealed record TemplateAnnex(string Number, string Title, IReadOnlyList<AnnexBlock> Blocks);

/// <summary>A paragraph, a table the portal fills in (<see cref="Placeholder"/>), or "Area: measure" rows.</summary>
public sealed record AnnexBlock(string? Paragraph, string? Placeholder, IReadOnlyList<KeyValuePair<string, string>>? Rows);

/// <summary>
/// Reads the template format: text before the first "# " line is the preamble; "# Heading" starts a numbered section
/// whose paragraphs are its clauses and whose "- " lines are a clause's lettered items; "## Annex II: Title" starts an
/// annex holding paragraphs, "{{annex:name}}" tables and "- Area: measure" rows. Numbers are never written: they follow
/// from the order, so Legal can insert a clause without renumbering.
/// </summary>
public static partial class TemplateParser
{
    public static readonly IReadOnlySet<string> InlinePlaceholders = new HashSet<string>(StringComparer.Ordinal)
    {
        "customer", "vendor", "effective_date", "objection_days",
    };

    public static readonly IReadOnlySet<string> AnnexPlaceholders = new HashSet<string>(StringComparer.Ordinal)
    {
        "processing", "subprocessors", "use-case", "services", "election", "commitment", "retention",
    };

    public static TemplateParseResult Parse(string body)
    {
        var state = new ParserState();
        var lines = (body ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            state.Read(lines[index].TrimEnd(), index + 1);
        }
        return state.Finish();
    }

    /// <summary>Replaces the inline placeholders; the values are plain text, never markup.</summary>
    public static string Fill(string text, IReadOnlyDictionary<string, string> values) =>
        InlinePlaceholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    [GeneratedRegex(@"\{\{([a-z_:\-]+)\}\}")]
    internal static partial Regex InlinePlaceholder();

    [GeneratedRegex(@"^## Annex ([IVX]+): (.+)$")]
    internal static partial Regex AnnexHeading();

    [GeneratedRegex(@"^\{\{annex:([a-z\-]+)\}\}$")]
    internal static partial Regex AnnexPlaceholder();
}

public sealed record TemplateParseResult(ParsedTemplate? Template, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}
