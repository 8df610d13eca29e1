using System.ComponentModel.DataAnnotations;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Dpa;

/// <summary>The DPA wizard's answers, everything but the signature. The rules here are the ones the server enforces.</summary>
public sealed class DpaDraft : LegalEntityForm
{
    [Required(ErrorMessage = "Enter the signatory's full name.")]
    [StringLength(DpaRules.PersonNameMaxLength, MinimumLength = 2, ErrorMessage = "The name must be between {2} and {1} characters.")]
    [PlainText, NoMarkup]
    [Display(Name = "Full name")]
    public string SignatoryName { get; set; } = "";

    [Required(ErrorMessage = "Enter the signatory's title.")]
    [StringLength(DpaRules.PersonNameMaxLength, MinimumLength = 2, ErrorMessage = "The title must be between {2} and {1} characters.")]
    [PlainText, NoMarkup]
    [Display(Name = "Title")]
    public string SignatoryTitle { get; set; } = "";

    [Required(ErrorMessage = "Enter the signatory's email address.")]
    [StringLength(256, ErrorMessage = "The email address can be at most {1} characters.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address, like name@example.com.")]
    [Display(Name = "Email")]
    public string SignatoryEmail { get; set; } = "";

    [MinLength(1, ErrorMessage = "Choose at least one category of data subjects.")]
    public List<string> DataSubjects { get; set; } = [];

    [MinLength(1, ErrorMessage = "Choose at least one category of personal data.")]
    public List<string> DataCategories { get; set; } = [];

    [StringLength(DpaRules.DetailMaxLength, ErrorMessage = "Keep this under {1} characters.")]
    [PlainText(AllowLineBreaks = true)]
    [Display(Name = "Special categories")]
    public string? SpecialCategories { get; set; }

    [Required(ErrorMessage = "Describe what you use the services for.")]
    [StringLength(DpaRules.DetailMaxLength, MinimumLength = 10, ErrorMessage = "Describe the purposes in {2} to {1} characters.")]
    [PlainText(AllowLineBreaks = true)]
    [Display(Name = "Purposes")]
    public string Purposes { get; set; } = "";

    [EnumDataType(typeof(TransferMechanism), ErrorMessage = "Choose a transfer mechanism.")]
    public TransferMechanism Transfer { get; set; } = TransferMechanism.SccModuleTwo;

    /// <summary>Refuses option values that the form never offered, whatever a hand-made request sends.</summary>
    public IEnumerable<ValidationResult> ValidateOptions()
    {
        if (DataSubjects.Except(DpaOptions.DataSubjects).Any() || DataSubjects.Distinct().Count() != DataSubjects.Count)
        {
            yield return new ValidationResult("Choose data subjects from the list.", [nameof(DataSubjects)]);
        }
        if (DataCategories.Except(DpaOptions.DataCategories).Any() || DataCategories.Distinct().Count() != DataCategories.Count)
        {
            yield return new ValidationResult("Choose categories of personal data from the list.", [nameof(DataCategories)]);
        }
    }
}

/// <summary>The signature step: the typed name must be the signatory's, and the consent box ticked.</summary>
public sealed class DpaSignature
{
    [Required(ErrorMessage = "Type your full name to sign.")]
    [StringLength(DpaRules.PersonNameMaxLength, ErrorMessage = "The name can be at most {1} characters.")]
    [PlainText, NoMarkup]
    [Display(Name = "Signature")]
    public string TypedName { get; set; } = "";

    [MustBeTrue(ErrorMessage = "Confirm that you agree and may sign for the entity.")]
    public bool Consent { get; set; }
}

public enum TransferMechanism { SccModuleTwo, SccModuleThree, Adequacy, NotApplicable }
