using System.ComponentModel.DataAnnotations;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Baa;

/// <summary>The customer's signature on an approved BAA: who signs, as what, the typed name and consent.</summary>
public sealed class BaaSignature
{
    [Required(ErrorMessage = "Enter the signatory's full name.")]
    [StringLength(AgreementLimits.PersonNameMaxLength, MinimumLength = 2, ErrorMessage = "The name must be between {2} and {1} characters.")]
    [PlainText, NoMarkup]
    [Display(Name = "Full name")]
    public string SignerName { get; set; } = "";

    [Required(ErrorMessage = "Enter the signatory's title.")]
    [StringLength(AgreementLimits.PersonNameMaxLength, MinimumLength = 2, ErrorMessage = "The title must be between {2} and {1} characters.")]
    [PlainText, NoMarkup]
    [Display(Name = "Title")]
    public string SignerTitle { get; set; } = "";

    [Required(ErrorMessage = "Type your full name to sign.")]
    [StringLength(AgreementLimits.PersonNameMaxLength, ErrorMessage = "The name can be at most {1} characters.")]
    [PlainText, NoMarkup]
    [Display(Name = "Signature")]
    public string TypedName { get; set; } = "";

    [MustBeTrue(ErrorMessage = "Confirm that you agree and may sign for the entity.")]
    public bool Consent { get; set; }

    public List<ValidationResult> Validate()
    {
        var results = FormValidation.Validate(this);
        if (!string.IsNullOrWhiteSpace(TypedName) && !string.IsNullOrWhiteSpace(SignerName) && !SignatureMatching.Matches(TypedName, SignerName))
        {
            results.Add(new ValidationResult($"Type the signatory's name exactly as entered: {SignerName.Trim()}.", [nameof(TypedName)]));
        }
        return results;
    }
}
