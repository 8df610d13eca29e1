using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace TrustPortal.Web.Components.Account;

/// <summary>Identity's emailed tokens travel base64url-encoded in links; an altered link is an invalid token, not a 500.</summary>
internal static class TokenCodes
{
    public static string? TryDecode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
