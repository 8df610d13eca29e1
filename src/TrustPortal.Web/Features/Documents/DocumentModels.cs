using System.ComponentModel.DataAnnotations;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Documents;

/// <summary>The "get access" form: a work email, and optionally who the person is.</summary>
public sealed class AccessRequestForm
{
    public const string EmailMessage = "Enter your work email address, like name@company.com.";

    [Required(ErrorMessage = EmailMessage)]
    [StringLength(256, ErrorMessage = "The email address can be at most {1} characters.")]
    public string Email { get; set; } = "";

    [StringLength(DocumentRules.NameMaxLength, ErrorMessage = "The name can be at most {1} characters.")]
    [PlainText, NoMarkup]
    public string? Name { get; set; }

    [StringLength(DocumentRules.CompanyMaxLength, ErrorMessage = "The company name can be at most {1} characters.")]
    [PlainText, NoMarkup]
    public string? Company { get; set; }
}

/// <summary>A document as a reader sees it in the library: whether they may download it, and if not, why.</summary>
public sealed record LibraryDocument(
    Guid Id,
    string Title,
    string Description,
    DocumentVisibility Visibility,
    long SizeBytes,
    DateTime UpdatedAtUtc,
    DateOnly ExpiresOn,
    string? Obstacle)
{
    public bool CanDownload => Obstacle is null;
}

/// <summary>A watermarked copy for one reader.</summary>
public sealed record DocumentDownload(string FileName, byte[] Content);
