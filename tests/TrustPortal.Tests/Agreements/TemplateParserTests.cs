using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Shared;

namespace TrustPortal.Tests.Agreements;

public sealed class TemplateParserTests
{
    private const string Sample = """
        This Addendum is between {{customer}} and {{vendor}}.

        # Definitions
        Terms have these meanings:
        - "Services" means the API.
        - "Data" means personal data.

        Headings do not change meaning.

        # Subprocessors
        Customer may object within {{objection_days}} days.

        ## Annex I: Details of processing
        The parties describe the processing below.

        {{annex:processing}}

        ## Annex II: Security measures
        - Encryption: AES-256 at rest.
        - Access: least privilege.
        """;

    [Fact]
    public void Parse_SectionsClausesItemsAndAnnexes_InOrder()
    {
        var result = TemplateParser.Parse(Sample);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        var template = result.Template!;
        Assert.Equal(["This Addendum is between {{customer}} and {{vendor}}."], template.Preamble);
        Assert.Equal(["Definitions", "Subprocessors"], template.Sections.Select(s => s.Heading));
        var definitions = template.Sections[0].Clauses;
        Assert.Equal(2, definitions.Count);
        Assert.Equal(["\"Services\" means the API.", "\"Data\" means personal data."], definitions[0].Items);
        Assert.Empty(definitions[1].Items);
        Assert.Equal(["I", "II"], template.Annexes.Select(a => a.Number));
        Assert.Equal("processing", template.Annexes[0].Blocks[1].Placeholder);
        var rows = template.Annexes[1].Blocks.Single().Rows!;
        Assert.Equal(new KeyValuePair<string, string>("Encryption", "AES-256 at rest."), rows[0]);
    }

    [Theory]
    [InlineData("# 1. Definitions\nText.", "without a number")]
    [InlineData("# Definitions\nText {{unknown}}.", "unknown placeholder")]
    [InlineData("# Definitions\n\n- orphan item", "must follow its clause")]
    [InlineData("# Definitions\nFirst line\nsecond line", "one line")]
    [InlineData("# Empty\n\n# Next\nText.", "has no clauses")]
    [InlineData("Only a preamble.", "at least one section")]
    [InlineData("# Definitions\nText.\n\n## Annex 2: Bad", "annex heading")]
    [InlineData("# Definitions\nText.\n\n## Annex I: Rows\n- no colon here", "Area: measure")]
    [InlineData("# Definitions\nText.\n\n## Annex I: Tables\n{{annex:nonsense}}", "unknown annex table")]
    [InlineData("# Definitions\nTab\there.", "control character")]
    public void Parse_MalformedTemplate_NamesTheProblemAndItsLine(string body, string expected)
    {
        var result = TemplateParser.Parse(body);

        Assert.False(result.Succeeded);
        Assert.Null(result.Template);
        Assert.Contains(result.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Fill_ReplacesKnownPlaceholdersWithPlainText()
    {
        var filled = TemplateParser.Fill("Between {{customer}} and {{vendor}}.", new Dictionary<string, string>
        {
            ["customer"] = "<b>Acme</b>",
            ["vendor"] = "Meridian AI, Inc.",
        });

        Assert.Equal("Between <b>Acme</b> and Meridian AI, Inc..", filled);
    }

    [Theory]
    [InlineData(AgreementKind.Dpa, "dpa-v1.txt")]
    [InlineData(AgreementKind.Baa, "baa-v1.txt")]
    public void ShippedTemplates_AreValidForPublishing(AgreementKind kind, string file)
    {
        using var stream = typeof(AgreementTemplates).Assembly.GetManifestResourceStream($"templates.{file}")!;
        var body = new StreamReader(stream).ReadToEnd();

        Assert.Empty(TemplateRules.Validate(kind, "Title", body, "First version."));
    }

    [Fact]
    public void Validate_DpaWithoutTheSubprocessorTable_IsRefused()
    {
        var errors = TemplateRules.Validate(AgreementKind.Dpa, "DPA", "# Terms\nText.\n\n## Annex I: Details\n{{annex:processing}}", "Change");

        Assert.Contains(errors, e => e.Contains("{{annex:subprocessors}}", StringComparison.Ordinal));
    }
}
