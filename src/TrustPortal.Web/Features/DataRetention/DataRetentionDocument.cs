using TrustPortal.Documents;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Baa;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Features.DataRetention;

/// <summary>The executed retention amendment's printed content: the template's clauses, the agreed retention, both signatures.</summary>
public static class DataRetentionDocument
{
    /// <summary>"Zero Data Retention Amendment" when nothing is kept; the template's own title for a number of days.</summary>
    public static string Title(FrozenTerms terms, RetentionKind retention) =>
        retention == RetentionKind.Zero ? "Zero Data Retention Amendment" : terms.Template.Title;

    public static AgreementContent Compose(FrozenTerms terms, DataRetentionRequest request, DataRetentionForm form, VendorOptions vendor,
        (string Name, string Title) countersigner, string number, DateTime executedAtUtc, IReadOnlyList<CertificateEvent> events, string verifyUrl)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["customer"] = request.Customer.LegalName,
            ["vendor"] = vendor.LegalName,
            ["effective_date"] = TemplateComposer.LongDate(executedAtUtc),
        };
        var retention = request.Retention == RetentionKind.Zero
            ? "Zero: API Data is not kept once the response is returned"
            : $"{DataRetentionRules.Describe(request.Retention, request.RetentionDays)} from the moment the response is returned";
        var tables = new Dictionary<string, AnnexTable>(StringComparer.Ordinal)
        {
            ["retention"] = new(["Item", "Details"],
            [
                ["Retention Period", retention],
                ["Covered Endpoints", string.Join("; ", form.Endpoints)],
                ["Categories of data", string.Join("; ", form.DataCategories)],
                ["Expected volume", form.Volume.DisplayName()],
                ["Customer's reason", form.Justification.Trim()],
                ["Review decision", $"Request {DataRetentionRules.Ref(request.Reference)} approved by {request.DecidedByName} on {request.DecidedAtUtc:yyyy-MM-dd}"],
            ], [1, 2]),
        };
        var title = Title(terms, request.Retention);
        return new AgreementContent
        {
            Title = title,
            AgreementNumber = number,
            Metadata = new DocumentMetadata($"{title} {number}", vendor.LegalName,
                $"{title} between {request.Customer.LegalName} and {vendor.LegalName}", "data retention, zero data retention, amendment", executedAtUtc),
            Preamble = TemplateComposer.Preamble(terms.Parsed, values),
            Parties =
            [
                new PartyBlock("Customer", request.Customer.LegalName, [request.Customer.Address, request.Customer.Country]),
                new PartyBlock("Provider", vendor.LegalName, [vendor.Address]),
            ],
            Sections = TemplateComposer.Sections(terms.Parsed, values),
            Annexes = TemplateComposer.Annexes(terms.Parsed, values, tables),
            Signatures =
            [
                new SignatureBlock("Customer", request.Customer.LegalName, request.SignerTypedName ?? "", request.SignerName ?? "", request.SignerTitle ?? "",
                    TemplateComposer.LongDate(request.SignedAtUtc ?? executedAtUtc), $"Signed electronically by typing their name; {request.SignerEmail}"),
                new SignatureBlock("Provider", vendor.LegalName, countersigner.Name, countersigner.Name, countersigner.Title,
                    TemplateComposer.LongDate(executedAtUtc), "Countersigned electronically after the customer signed."),
            ],
            Certificate = new CertificateContent(events,
                [new("Agreement number", number), new("Request", DataRetentionRules.Ref(request.Reference)), new("Retention", retention), .. TemplateComposer.FrozenFacts(terms)],
                TemplateComposer.Verification(vendor.LegalName, verifyUrl)),
        };
    }
}
