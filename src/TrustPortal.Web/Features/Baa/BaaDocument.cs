using System.Globalization;
using TrustPortal.Documents;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Features.Baa;

/// <summary>The executed BAA's printed content: the template's clauses, the approved use case, both signatures.</summary>
public static class BaaDocument
{
    public static AgreementContent Compose(FrozenTerms terms, BaaRequest request, BaaUseCase useCase, VendorOptions vendor, int objectionDays,
        (string Name, string Title) countersigner, string number, DateTime executedAtUtc, IReadOnlyList<CertificateEvent> events, string verifyUrl,
        string? statusUrl = null)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["customer"] = request.Customer.LegalName,
            ["vendor"] = vendor.LegalName,
            ["effective_date"] = TemplateComposer.LongDate(executedAtUtc),
            ["objection_days"] = objectionDays.ToString(CultureInfo.InvariantCulture),
        };
        var tables = new Dictionary<string, AnnexTable>(StringComparer.Ordinal)
        {
            ["use-case"] = new(["Item", "Details"],
            [
                ["Customer's role", useCase.Role.DisplayName()],
                ["Kinds of PHI", string.Join("; ", useCase.PhiKinds)],
                ["Expected volume", useCase.Volume.DisplayName()],
                ["Zero data retention required", useCase.ZeroDataRetention ? "Yes" : "No"],
                ["How PHI reaches the services", useCase.PhiFlow.Trim()],
                ["Customer's safeguards", string.Join("; ", useCase.Safeguards.Concat(string.IsNullOrWhiteSpace(useCase.SafeguardNotes) ? [] : [useCase.SafeguardNotes.Trim()])) is { Length: > 0 } s ? s : "None listed."],
                ["Intended go-live", request.GoLiveDate.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)],
                ["Review decision", $"Approved by {request.DecidedByName} on {request.DecidedAtUtc:yyyy-MM-dd}"],
            ], [1, 2]),
            ["services"] = new(["Eligible service covered"], useCase.Services.Select(s => (IReadOnlyList<string>)[s]).ToList()),
        };
        return new AgreementContent
        {
            Title = terms.Template.Title,
            AgreementNumber = number,
            Metadata = new DocumentMetadata($"{terms.Template.Title} {number}", vendor.LegalName,
                $"{terms.Template.Title} between {request.Customer.LegalName} and {vendor.LegalName}", "BAA, HIPAA, PHI", executedAtUtc),
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
            [new("Agreement number", number), new("Request", BaaKind.Reference(request.Reference)), .. TemplateComposer.FrozenFacts(terms)],
            TemplateComposer.Verification(vendor.LegalName, verifyUrl), statusUrl),
        };
    }
}
