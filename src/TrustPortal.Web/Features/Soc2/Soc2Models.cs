using System.ComponentModel.DataAnnotations;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Soc2;

/// <summary>The NDA form: the reader's typed name and their consent.</summary>
public sealed class NdaSignature
{
    [Required(ErrorMessage = "Type your full name to accept.")]
    [StringLength(AgreementLimits.PersonNameMaxLength, ErrorMessage = "The name can be at most {1} characters.")]
    [PlainText, NoMarkup]
    [Display(Name = "Your full name")]
    public string TypedName { get; set; } = "";

    [MustBeTrue(ErrorMessage = "Tick the box to confirm that you accept the confidentiality terms.")]
    public bool Consent { get; set; }
}

/// <summary>Where the signed-in customer stands: the current report (if any) and their acceptance of the current NDA.</summary>
public sealed record Soc2Status(string DisplayName, string OrganizationName, Soc2ReportInfo? Report, NdaAcceptanceInfo? Acceptance)
{
    public bool HasAccepted => Acceptance is not null;
}

/// <summary>The current report's description; never its content.</summary>
public sealed record Soc2ReportInfo(Guid Id, string Title, string Auditor, DateOnly PeriodStart, DateOnly PeriodEnd, DateTime PublishedAtUtc, long SizeBytes);

/// <summary>The reader's acceptance of the current NDA, and their last download under it.</summary>
public sealed record NdaAcceptanceInfo(Guid Id, string TypedName, DateTime AcceptedAtUtc, DateTime? DeliveredAtUtc);

/// <summary>A watermarked copy of the report for one reader.</summary>
public sealed record Soc2Download(string FileName, byte[] Content);

/// <summary>One NDA acceptance as Legal sees it.</summary>
public sealed record NdaAcceptanceRow(
    Guid Id,
    string OrganizationName,
    string UserName,
    string Email,
    string TypedName,
    int NdaVersion,
    DateTime AcceptedAtUtc,
    string? IpAddress,
    string? UserAgent,
    DateTime? DeliveredAtUtc);

/// <summary>An accepted NDA, or the messages that stopped it.</summary>
public sealed record NdaResult(Guid? AcceptanceId, IReadOnlyList<ValidationResult> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static NdaResult Accepted(Guid id) => new(id, []);

    public static NdaResult Invalid(IReadOnlyList<ValidationResult> errors) => new(null, errors);

    public static NdaResult Invalid(string message) => new(null, [new ValidationResult(message)]);
}
