using System.Security.Claims;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.SignIn;

/// <summary>What the portal reads from the provider's ID token: staff roles, email, whether it was verified, and MFA.</summary>
public sealed class StaffSsoClaims(StaffSsoOptions options)
{
    public string GroupClaim => options.GroupClaim;

    /// <summary>RFC 8176 methods that are a second factor or a phishing-resistant key on their own.</summary>
    private static readonly HashSet<string> MfaMethods = ["mfa", "otp", "hwk", "swk", "sms", "fpt", "face", "iris", "retina", "vbm", "pop", "sc"];

    /// <summary>The portal's staff roles the person's groups map to, in the portal's order; empty when none do.</summary>
    public IReadOnlyList<string> RolesFor(ClaimsPrincipal principal)
    {
        var groups = principal.FindAll(options.GroupClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var mapped = options.RoleMap.Where(m => groups.Contains(m.Key)).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        return Roles.Staff.Where(mapped.Contains).ToList();
    }

    public static string? Email(ClaimsPrincipal principal) =>
        principal.FindFirstValue("email") ?? principal.FindFirstValue(ClaimTypes.Email);

    /// <summary>Only an explicit email_verified = true from the provider lets the portal match an existing account by email.</summary>
    public static bool EmailVerified(ClaimsPrincipal principal) =>
        string.Equals(principal.FindFirstValue("email_verified"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? Name(ClaimsPrincipal principal) =>
        principal.FindFirstValue("name") ?? principal.FindFirstValue(ClaimTypes.Name);

    /// <summary>Whether this sign-in stands in for the portal's second factor (see <see cref="StaffSsoOptions.TrustIdpMfa"/>).</summary>
    public bool SatisfiesMfa(ClaimsPrincipal principal) =>
        options.TrustIdpMfa || principal.FindAll("amr").Any(c => MfaMethods.Contains(c.Value));
}
