using System.Globalization;
using TrustPortal.Documents;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Features.Dpa;

/// <summary>What the signer saw and signed: their details, the signature and the events of execution.</summary>
public sealed record DpaExecutionFacts(
    string Number,
    DateTime ExecutedAtUtc,
    string TypedSignature,
    IReadOnlyList<CertificateEvent> Events);

/// <summary>Builds the DPA's printed content from the frozen terms and the wizard's answers; the preview uses the same.</summary>
public static class DpaDocument
{
    public const string Title = "Data Processing Addendum";

    public static AgreementContent Compose(FrozenTerms terms, DpaDraft draft, VendorOptions vendor, int objectionDays, DpaExecutionFacts? execution,
        DateTime previewDateUtc, string verifyUrl, string? statusUrl = null)
    {
        var date = execution?.ExecutedAtUtc ?? previewDateUtc;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["customer"] = draft.LegalName.Trim(),
            ["vendor"] = vendor.LegalName,
            ["effective_date"] = TemplateComposer.LongDate(date),
            ["objection_days"] = objectionDays.ToString(CultureInfo.InvariantCulture),
        };
        var tables = new Dictionary<string, AnnexTable>(StringComparer.Ordinal)
        {
            ["processing"] = ProcessingTable(draft, vendor),
            ["subprocessors"] = SubprocessorTable(terms),
        };
        var number = execution?.Number ?? "Number assigned on signature";
        return new AgreementContent
        {
            Title = terms.Template.Title,
            AgreementNumber = number,
            Metadata = new DocumentMetadata($"{terms.Template.Title} {number}", vendor.LegalName,
                $"{terms.Template.Title} between {draft.LegalName.Trim()} and {vendor.LegalName}", "DPA, GDPR, CCPA, data processing", date),
            Preamble = TemplateComposer.Preamble(terms.Parsed, values),
            Parties =
            [
                new PartyBlock("Customer", draft.LegalName.Trim(), CustomerLines(draft)),
                new PartyBlock("Provider", vendor.LegalName, [vendor.Address]),
            ],
            Sections = TemplateComposer.Sections(terms.Parsed, values),
            Annexes = TemplateComposer.Annexes(terms.Parsed, values, tables),
            Signatures = execution is null ? [] :
            [
                new SignatureBlock("Customer", draft.LegalName.Trim(), execution.TypedSignature, draft.SignatoryName.Trim(), draft.SignatoryTitle.Trim(),
                    TemplateComposer.LongDate(execution.ExecutedAtUtc), $"Signed electronically by typing their name; {draft.SignatoryEmail.Trim()}"),
                new SignatureBlock("Provider", vendor.LegalName, vendor.SignatoryName, vendor.SignatoryName, vendor.SignatoryTitle,
                    TemplateComposer.LongDate(execution.ExecutedAtUtc), "Pre-signed for self-serve execution; applied when the customer signed."),
            ],
            Certificate = execution is null ? new CertificateContent([], [], []) : new CertificateContent(
                execution.Events,
                [new("Agreement number", number), .. TemplateComposer.FrozenFacts(terms)],
                TemplateComposer.Verification(vendor.LegalName, verifyUrl), statusUrl),
        };
    }

    private static List<string> CustomerLines(DpaDraft draft)
    {
        var lines = new List<string> { draft.Address.Trim(), draft.Country };
        if (!string.IsNullOrWhiteSpace(draft.CompanyNumber))
        {
            lines.Add($"Company number: {draft.CompanyNumber.Trim()}");
        }
        return lines;
    }

    private static AnnexTable ProcessingTable(DpaDraft draft, VendorOptions vendor) => new(
        ["Item", "Details"],
        [
            ["Customer (data exporter)", $"{draft.LegalName.Trim()}, {draft.Country}, acting as "
                + (draft.Transfer == TransferMechanism.SccModuleThree ? "a processor on behalf of its own controllers" : "controller")],
            ["Provider (data importer)", $"{vendor.LegalName}, acting as " + (draft.Transfer == TransferMechanism.SccModuleThree ? "subprocessor" : "processor")],
            ["Categories of data subjects", string.Join("; ", draft.DataSubjects)],
            ["Categories of personal data", string.Join("; ", draft.DataCategories)],
            ["Special categories of data", string.IsNullOrWhiteSpace(draft.SpecialCategories) ? "None declared by the customer." : draft.SpecialCategories.Trim()],
            ["Nature and purposes of processing", draft.Purposes.Trim()],
            ["Frequency", "Continuous, for as long as the customer uses the services."],
            ["Duration", "The term of the agreement, then until deletion as this addendum provides."],
            ["Transfer mechanism", draft.Transfer.DisplayName()],
        ],
        [1, 2]);

    private static AnnexTable SubprocessorTable(FrozenTerms terms) => new(
        ["Subprocessor", "Purpose", "Location", "Data"],
        terms.Subprocessors.Count == 0
            ? [["None at execution.", "", "", ""]]
            : terms.Subprocessors.Select(s => (IReadOnlyList<string>)[s.Name, s.Purpose, s.Location, s.DataCategories]).ToList(),
        [2, 3, 2, 2]);
}
