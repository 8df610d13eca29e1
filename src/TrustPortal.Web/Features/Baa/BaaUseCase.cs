using System.ComponentModel.DataAnnotations;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Baa;

/// <summary>The BAA request form: the legal entity and the use case Sales reviews. The server enforces these rules.</summary>
public sealed class BaaUseCase : LegalEntityForm
{
    [EnumDataType(typeof(CoveredEntityRole), ErrorMessage = "Say whether you are a covered entity or a business associate.")]
    public CoveredEntityRole Role { get; set; }

    [MinLength(1, ErrorMessage = "Choose at least one service to cover.")]
    public List<string> Services { get; set; } = [];

    [MinLength(1, ErrorMessage = "Choose at least one kind of PHI.")]
    public List<string> PhiKinds { get; set; } = [];

    [EnumDataType(typeof(MonthlyVolume), ErrorMessage = "Choose the expected monthly volume.")]
    public MonthlyVolume Volume { get; set; }

    public bool ZeroDataRetention { get; set; }

    [Required(ErrorMessage = "Describe how PHI reaches the API.")]
    [StringLength(BaaRules.TextMaxLength, MinimumLength = 10, ErrorMessage = "Describe it in {2} to {1} characters.")]
    [PlainText(AllowLineBreaks = true)]
    [Display(Name = "How PHI reaches the API")]
    public string PhiFlow { get; set; } = "";

    public List<string> Safeguards { get; set; } = [];

    [StringLength(BaaRules.TextMaxLength, ErrorMessage = "Keep this under {1} characters.")]
    [PlainText(AllowLineBreaks = true)]
    [Display(Name = "Other safeguards")]
    public string? SafeguardNotes { get; set; }

    [Required(ErrorMessage = "Choose the intended go-live date.")]
    public DateTime? GoLive { get; set; }

    [Required(ErrorMessage = "Enter a contact name.")]
    [StringLength(AgreementLimits.PersonNameMaxLength, MinimumLength = 2, ErrorMessage = "The name must be between {2} and {1} characters.")]
    [PlainText, NoMarkup]
    [Display(Name = "Contact name")]
    public string ContactName { get; set; } = "";

    [Required(ErrorMessage = "Enter a contact email address.")]
    [StringLength(256, ErrorMessage = "The email address can be at most {1} characters.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address, like name@example.com.")]
    [Display(Name = "Contact email")]
    public string ContactEmail { get; set; } = "";
}

/// <summary>The choices the BAA form offers, besides the configured services.</summary>
public static class BaaChoices
{
    public static readonly IReadOnlyList<string> PhiKinds =
    [
        "Patient names and contact details",
        "Medical record or health plan numbers",
        "Clinical notes and diagnoses",
        "Lab results and imaging reports",
        "Billing and claims data",
        "Patient messages and transcripts",
    ];

    public static readonly IReadOnlyList<string> Safeguards =
    [
        "PHI is encrypted in transit to the API (TLS 1.2+)",
        "Access to API keys is limited and keys are rotated",
        "Only the minimum necessary PHI is sent",
        "Workforce is trained on HIPAA",
        "Audit logs of PHI access are kept",
        "A HIPAA risk analysis covers this use",
    ];
}
