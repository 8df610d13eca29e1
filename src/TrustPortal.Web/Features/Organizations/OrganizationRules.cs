using System.Net.Mail;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Organizations;

/// <summary>Input rules shared by the forms and the service, so both say the same thing.</summary>
public static class OrganizationRules
{
    public const int NameMaxLength = 200;
    public const int NameMinLength = 2;
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(14);

    public static string? ValidateName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length < NameMinLength)
        {
            return $"Enter the organization's name ({NameMinLength} characters or more).";
        }
        if (trimmed.Length > NameMaxLength)
        {
            return $"The name can be at most {NameMaxLength} characters.";
        }
        return trimmed.Any(c => char.IsControl(c) || PlainTextAttribute.IsHidden(c)) ? "The name contains characters that are not allowed." : null;
    }

    public static string? ValidateEmail(string? email)
    {
        var trimmed = email?.Trim() ?? "";
        if (trimmed.Length is 0 or > 256)
        {
            return "Enter an email address.";
        }
        return MailAddress.TryCreate(trimmed, out var parsed) && parsed.Address == trimmed && string.IsNullOrEmpty(parsed.DisplayName)
            ? null
            : "Enter a valid email address, like name@example.com.";
    }
}
