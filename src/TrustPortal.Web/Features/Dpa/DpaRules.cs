using System.ComponentModel.DataAnnotations;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Dpa;

/// <summary>Limits and checks for the DPA wizard, shared by the form and the service.</summary>
public static class DpaRules
{
    public const int LegalNameMaxLength = AgreementLimits.LegalNameMaxLength;
    public const int AddressMaxLength = AgreementLimits.AddressMaxLength;
    public const int CompanyNumberMaxLength = AgreementLimits.CompanyNumberMaxLength;
    public const int PersonNameMaxLength = AgreementLimits.PersonNameMaxLength;
    public const int DetailMaxLength = 2000;

    /// <summary>Every message for the draft; empty when it may be signed.</summary>
    public static List<ValidationResult> Validate(DpaDraft draft)
    {
        var results = FormValidation.Validate(draft);
        results.AddRange(draft.ValidateOptions());
        return results;
    }

    public static List<ValidationResult> Validate(DpaDraft draft, DpaSignature signature)
    {
        var results = Validate(draft);
        results.AddRange(FormValidation.Validate(signature));
        if (!string.IsNullOrWhiteSpace(signature.TypedName) && !SignatureMatching.Matches(signature.TypedName, draft.SignatoryName))
        {
            results.Add(new ValidationResult($"Type the signatory's name exactly as entered: {draft.SignatoryName.Trim()}.", [nameof(DpaSignature.TypedName)]));
        }
        return results;
    }
}

/// <summary>The choices the wizard offers for Annex I.</summary>
public static class DpaOptions
{
    public static readonly IReadOnlyList<string> DataSubjects =
    [
        "End users of the customer's applications",
        "The customer's employees and contractors",
        "The customer's own customers and prospects",
        "Business contacts of the customer",
        "Other individuals whose data the customer submits",
    ];

    public static readonly IReadOnlyList<string> DataCategories =
    [
        "Content of prompts, files and other inputs",
        "Outputs generated for the customer",
        "Account and contact details of authorized users",
        "Identifiers such as user IDs, IP addresses and API keys",
        "Usage, billing and log data",
        "Fine-tuning training data",
    ];
}
