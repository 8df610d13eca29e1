using System.Net.Mail;

namespace TrustPortal.Web.Features.Documents;

public static class DocumentRules
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 1000;
    public const int NameMaxLength = 100;
    public const int CompanyMaxLength = 200;
    public const int ReasonMaxLength = 500;
    public const long MaxUploadBytes = 25L * 1024 * 1024;

    /// <summary>The lower-case domain of a well-formed address, or null.</summary>
    public static string? DomainOf(string? email)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Length > 256 || !MailAddress.TryCreate(email.Trim(), out var address)
            || address.Address != email.Trim() || !address.Host.Contains('.', StringComparison.Ordinal))
        {
            return null;
        }
        return address.Host.ToLowerInvariant();
    }

    /// <summary>Whether the bytes start like a PDF file (the only format every copy can be watermarked in).</summary>
    public static bool LooksLikePdf(ReadOnlySpan<byte> content) => content.Length > 5 && content[..5].SequenceEqual("%PDF-"u8);

    public static string VisibilityName(this DocumentVisibility visibility) => visibility switch
    {
        DocumentVisibility.Public => "Public",
        DocumentVisibility.Nda => "Under NDA",
        DocumentVisibility.Approved => "On approval",
        DocumentVisibility.CustomersOnly => "Customers only",
        _ => visibility.ToString(),
    };

    public static string StatusName(this AccessStatus status) => status switch
    {
        AccessStatus.Pending => "Waiting for review",
        AccessStatus.Granted => "Granted",
        AccessStatus.Denied => "Denied",
        AccessStatus.Revoked => "Revoked",
        _ => status.ToString(),
    };
}
