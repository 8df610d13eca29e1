namespace TrustPortal.Web.Features.Agreements;

/// <summary>The line-by-line reader behind <see cref="TemplateParser"/>; collects every error with its line number.</summary>
internal sealed class ParserState
{
    private readonly List<string> errors = [];
    private readonly List<string> preamble = [];
    private readonly List<(string Heading, List<TemplateClause> Clauses)> sections = [];
    private readonly List<(string Number, string Title, List<AnnexBlock> Blocks)> annexes = [];
    private string? clauseText;
    private List<string> clauseItems = [];
    private List<KeyValuePair<string, string>>? rows;
    private bool previousBlank = true;

    public void Read(string line, int number)
    {
        if (line.Any(c => char.IsControl(c)))
        {
            errors.Add($"Line {number}: contains a control character (a tab, perhaps).");
            return;
        }
        foreach (var match in TemplateParser.InlinePlaceholder().Matches(line).Cast<System.Text.RegularExpressions.Match>())
        {
            var name = match.Groups[1].Value;
            if (!TemplateParser.InlinePlaceholders.Contains(name) && !(name.StartsWith("annex:", StringComparison.Ordinal) && line == match.Value))
            {
                errors.Add($"Line {number}: unknown placeholder {match.Value}.");
            }
        }
        if (line.Length == 0)
        {
            EndClause();
            EndRows();
            previousBlank = true;
            return;
        }
        var blankBefore = previousBlank;
        previousBlank = false;
        if (line.StartsWith("## ", StringComparison.Ordinal))
        {
            StartAnnex(line, number);
            // A heading ends the block above it, so its first paragraph may follow on the next line.
            previousBlank = true;
        }
        else if (line.StartsWith("# ", StringComparison.Ordinal))
        {
            StartSection(line[2..].Trim(), number);
            previousBlank = true;
        }
        else if (line.StartsWith("- ", StringComparison.Ordinal))
        {
            AddItem(line[2..].Trim(), number, blankBefore);
        }
        else
        {
            AddParagraph(line.Trim(), number, blankBefore);
        }
    }

    public TemplateParseResult Finish()
    {
        EndClause();
        EndRows();
        if (sections.Count == 0)
        {
            errors.Add("The template needs at least one section (a line starting with \"# \").");
        }
        foreach (var (heading, clauses) in sections.Where(s => s.Clauses.Count == 0))
        {
            errors.Add($"The section \"{heading}\" has no clauses.");
        }
        if (errors.Count > 0)
        {
            return new TemplateParseResult(null, errors);
        }
        var template = new ParsedTemplate(
            preamble,
            sections.Select(s => new TemplateSection(s.Heading, s.Clauses)).ToList(),
            annexes.Select(a => new TemplateAnnex(a.Number, a.Title, a.Blocks)).ToList());
        return new TemplateParseResult(template, []);
    }

    private void StartSection(string heading, int number)
    {
        EndClause();
        if (annexes.Count > 0)
        {
            errors.Add($"Line {number}: sections must come before the annexes.");
        }
        if (heading.Length == 0 || char.IsDigit(heading[0]))
        {
            errors.Add($"Line {number}: write the heading without a number; numbers are added in order.");
        }
        sections.Add((heading, []));
    }

    private void StartAnnex(string line, int number)
    {
        EndClause();
        EndRows();
        var match = TemplateParser.AnnexHeading().Match(line);
        if (!match.Success)
        {
            errors.Add($"Line {number}: an annex heading looks like \"## Annex II: Security measures\".");
            return;
        }
        annexes.Add((match.Groups[1].Value, match.Groups[2].Value.Trim(), []));
    }

    private void AddParagraph(string text, int number, bool blankBefore)
    {
        if (annexes.Count > 0)
        {
            EndRows();
            var placeholder = TemplateParser.AnnexPlaceholder().Match(text);
            if (placeholder.Success && !TemplateParser.AnnexPlaceholders.Contains(placeholder.Groups[1].Value))
            {
                errors.Add($"Line {number}: unknown annex table {text}.");
            }
            annexes[^1].Blocks.Add(placeholder.Success
                ? new AnnexBlock(null, placeholder.Groups[1].Value, null)
                : new AnnexBlock(text, null, null));
            return;
        }
        if (sections.Count == 0)
        {
            preamble.Add(text);
            return;
        }
        if (!blankBefore)
        {
            errors.Add($"Line {number}: a clause is one line; leave a blank line between clauses.");
        }
        EndClause();
        clauseText = text;
    }

    private void AddItem(string text, int number, bool blankBefore)
    {
        if (annexes.Count > 0)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == text.Length - 1)
            {
                errors.Add($"Line {number}: an annex row looks like \"- Area: measure\".");
                return;
            }
            rows ??= [];
            rows.Add(new(text[..colon].Trim(), text[(colon + 1)..].Trim()));
            return;
        }
        if (clauseText is null || blankBefore)
        {
            errors.Add($"Line {number}: a \"- \" item must follow its clause directly, without a blank line.");
            return;
        }
        clauseItems.Add(text);
    }

    private void EndClause()
    {
        if (clauseText is not null && sections.Count > 0)
        {
            sections[^1].Clauses.Add(new TemplateClause(clauseText, clauseItems));
        }
        clauseText = null;
        clauseItems = [];
    }

    private void EndRows()
    {
        if (rows is not null && annexes.Count > 0)
        {
            annexes[^1].Blocks.Add(new AnnexBlock(null, null, rows));
        }
        rows = null;
    }
}
