using System.ComponentModel.DataAnnotations;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Agreements;

/// <summary>The contracting entity as every agreement form asks for it: the same fields, the same rules.</summary>
public abstract class LegalEntityForm
{
    [Required(ErrorMessage = "Enter the legal name of the contracting entity.")]
    [StringLength(AgreementLimits.LegalNameMaxLength, MinimumLength = 2, ErrorMessage = "The legal name must be between {2} and {1} characters.")]
    [PlainText, NoMarkup]
    [Display(Name = "Legal name")]
    public string LegalName { get; set; } = "";

    [Required(ErrorMessage = "Enter the registered address.")]
    [StringLength(AgreementLimits.AddressMaxLength, MinimumLength = 5, ErrorMessage = "The address must be between {2} and {1} characters.")]
    [PlainText(AllowLineBreaks = true)]
    [Display(Name = "Registered address")]
    public string Address { get; set; } = "";

    [Required(ErrorMessage = "Choose the country of registration.")]
    [KnownCountry]
    public string Country { get; set; } = "";

    [StringLength(AgreementLimits.CompanyNumberMaxLength, ErrorMessage = "The company number can be at most {1} characters.")]
    [PlainText, NoMarkup]
    [Display(Name = "Company number")]
    public string? CompanyNumber { get; set; }
}
