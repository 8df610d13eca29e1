using System.ComponentModel.DataAnnotations;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Baa;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.DataRetention;

/// <summary>The data-retention request form: the contracting entity and the use case Sales reviews. The server enforces these rules.</summary>
public sealed class DataRetentionForm : LegalEntityForm
{
    [MinLength(1, ErrorMessage = "Choose at least one API endpoint.")]
    public List<string> Endpoints { get; set; } = [];

    [MinLength(1, ErrorMessage = "Choose at least one category of data.")]
    public List<string> DataCategories { get; set; } = [];

    [EnumDataType(typeof(MonthlyVolume), ErrorMessage = "Choose the expected monthly volume.")]
    public MonthlyVolume Volume { get; set; }

    [EnumDataType(typeof(RetentionKind), ErrorMessage = "Choose zero retention or a custom number of days.")]
    public RetentionKind Retention { get; set; }

    /// <summary>Only read when <see cref="Retention"/> is Custom; the range check is in <see cref="DataRetentionRules"/>.</summary>
    [Display(Name = "Retention in days")]
    public int? RetentionDays { get; set; }

    [Required(ErrorMessage = "Explain why data must not be kept, or kept for a shorter time.")]
    [StringLength(BaaRules.TextMaxLength, MinimumLength = 20, ErrorMessage = "Explain it in {2} to {1} characters.")]
    [PlainText(AllowLineBreaks = true)]
    [Display(Name = "Why you need this retention")]
    public string Justification { get; set; } = "";
}

/// <summary>The choices the data-retention form offers.</summary>
public static class DataRetentionChoices
{
    public static readonly IReadOnlyList<string> Endpoints =
    [
        "Messages (chat completions)",
        "Embeddings",
        "Batch processing",
        "Files",
        "Audio transcription",
    ];

    public static readonly IReadOnlyList<string> DataCategories =
    [
        "Personal data of end users",
        "Health information",
        "Financial or payment data",
        "Source code and credentials",
        "Confidential business documents",
        "Data about children",
    ];
}
