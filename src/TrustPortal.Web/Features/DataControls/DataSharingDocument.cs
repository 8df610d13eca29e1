using System.Globalization;
using System.Text.RegularExpressions;
using TrustPortal.Documents;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Features.DataControls;

/// <summary>What the election document says beyond its template: the choice, the people and the commitment text.</summary>
public sealed record ElectionFacts(
    bool OptIn,
    DateTime ElectedAtUtc,
    DateTime EffectiveFromUtc,
    string? ReplacesNumber,
    string SignerName,
    string SignerTitle,
    string SignerEmail,
    string TypedName,
    IReadOnlyList<CertificateEvent> Events);

/// <summary>Builds the printed "Data Sharing Election" from the frozen terms, the customer and the commitment text.</summary>
public static partial class DataSharingDocument
{
    public static AgreementContent Compose(FrozenTerms terms, string number, PartyDetails customer, CommitmentText commitment, ElectionFacts election,
        VendorOptions vendor, string verifyUrl)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(commitment);
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(vendor);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["customer"] = customer.LegalName,
            ["vendor"] = vendor.LegalName,
            ["effective_date"] = TemplateComposer.LongDate(election.ElectedAtUtc),
        };
        // Reference equality marks where the commitment text goes: it is printed as headed paragraphs, not as a table.
        var commitmentMarker = new AnnexTable(["Commitment"], []);
        var tables = new Dictionary<string, AnnexTable>(StringComparer.Ordinal)
        {
            ["election"] = ElectionTable(customer, commitment, election, terms),
            ["commitment"] = commitmentMarker,
        };
        var annexes = TemplateComposer.Annexes(terms.Parsed, values, tables)
            .Select(a => a with { Parts = a.Parts.SelectMany(p => ReferenceEquals(p.Table, commitmentMarker) ? CommitmentParts(commitment) : [p]).ToList() })
            .ToList();
        var signedOn = TemplateComposer.LongDate(election.ElectedAtUtc);
        var title = terms.Template.Title;
        return new AgreementContent
        {
            Title = title,
            AgreementNumber = number,
            Metadata = new DocumentMetadata($"{title} {number}", vendor.LegalName,
                $"{title} of {customer.LegalName}: {(election.OptIn ? "opt in" : "opt out")}", "data sharing, model training, election", election.ElectedAtUtc),
            Preamble = TemplateComposer.Preamble(terms.Parsed, values),
            Parties =
            [
                new PartyBlock("Customer", customer.LegalName, CustomerLines(customer)),
                new PartyBlock("Provider", vendor.LegalName, [vendor.Address]),
            ],
            Sections = TemplateComposer.Sections(terms.Parsed, values),
            Annexes = annexes,
            Signatures =
            [
                new SignatureBlock("Customer", customer.LegalName, election.TypedName, election.SignerName, election.SignerTitle, signedOn,
                    $"Signed electronically by typing their name and confirming authority to bind the Customer; {election.SignerEmail}"),
            ],
            Certificate = new CertificateContent(
                election.Events,
                [new("Agreement number", number), new("Election", ChoiceText(election.OptIn)), .. TemplateComposer.FrozenFacts(terms)],
                TemplateComposer.Verification(vendor.LegalName, verifyUrl)),
        };
    }

    public static string ChoiceText(bool optIn) => optIn
        ? "Opt in: API Data may be used for Data Sharing"
        : "Opt out: API Data is not used for Data Sharing";

    /// <summary>"Version 3, in effect since 1 December 2026": the words the PDF, the page and the tests share.</summary>
    public static string CommitmentVersionText(CommitmentText commitment)
    {
        ArgumentNullException.ThrowIfNull(commitment);
        return string.Create(CultureInfo.InvariantCulture, $"Version {commitment.Version}, in effect since {commitment.EffectiveDate:d MMMM yyyy}");
    }

    private static AnnexTable ElectionTable(PartyDetails customer, CommitmentText commitment, ElectionFacts election, FrozenTerms terms) => new(
        ["Item", "Details"],
        [
            ["Customer", customer.LegalName],
            ["Choice", ChoiceText(election.OptIn)],
            ["Takes effect", election.OptIn
                ? $"API Data received from {EffectiveText(election.EffectiveFromUtc)} onwards may be used. Nothing received earlier is used."
                : $"At once, when signed at {EffectiveText(election.ElectedAtUtc)}. No further API Data is used from then on."],
            ["Replaces", election.ReplacesNumber is { } earlier ? $"The earlier election {earlier}" : "No earlier election: until now the Customer's choice was the default, opted out."],
            ["Signed by", $"{election.SignerName}, {election.SignerTitle} ({election.SignerEmail}), typing \"{election.TypedName}\""],
            ["Commitments relied on", $"{CommitmentVersionText(commitment)}; SHA-256 {commitment.Sha256}"],
            ["Election text", string.Create(CultureInfo.InvariantCulture, $"{terms.Template.Title}, version {terms.Template.Version}")],
        ],
        [1, 3]);

    private static string EffectiveText(DateTime utc) => utc.ToString("HH:mm:ss 'UTC on' d MMMM yyyy", CultureInfo.InvariantCulture);

    private static List<string> CustomerLines(PartyDetails customer) =>
        new[] { customer.Address, customer.Country }.Where(l => !string.IsNullOrWhiteSpace(l)).ToList();

    private static IEnumerable<AnnexPart> CommitmentParts(CommitmentText commitment) =>
        commitment.Sections.Select(s => new AnnexPart(s.Title, PlainParagraphs(s.BodyMarkdown), null));

    /// <summary>The Markdown body as plain paragraphs: emphasis marks dropped, list items kept as "• " lines.</summary>
    public static IReadOnlyList<string> PlainParagraphs(string markdown)
    {
        var paragraphs = new List<string>();
        var current = new List<string>();
        foreach (var raw in (markdown ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal))
            {
                Flush();
                if (line.Length > 0)
                {
                    current.Add("• " + line[2..].Trim());
                }
                continue;
            }
            current.Add(line);
        }
        Flush();
        return paragraphs;

        void Flush()
        {
            if (current.Count > 0)
            {
                paragraphs.Add(Emphasis().Replace(string.Join(' ', current), ""));
                current.Clear();
            }
        }
    }

    [GeneratedRegex(@"\*\*|__|`")]
    private static partial Regex Emphasis();
}
