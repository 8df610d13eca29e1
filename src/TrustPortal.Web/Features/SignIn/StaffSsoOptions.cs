using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.SignIn;

/// <summary>
/// Staff single sign-on through the company's OpenID Connect provider (section "Authentication:Oidc", docs/SSO.md).
/// Nothing is registered while <see cref="Authority"/> is empty.
/// </summary>
public sealed class StaffSsoOptions
{
    public const string Section = "Authentication:Oidc";

    /// <summary>The authentication scheme and the login provider name stored in AspNetUserLogins.</summary>
    public const string Scheme = "oidc";

    /// <summary>The provider's issuer URL, e.g. https://login.microsoftonline.com/{tenant}/v2.0.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Shown on the button: "Sign in with …".</summary>
    public string DisplayName { get; set; } = "company single sign-on";

    /// <summary>The claim that lists the person's groups or roles ("groups" for Okta and Keycloak, "roles" for Entra ID app roles).</summary>
    public string GroupClaim { get; set; } = "groups";

    /// <summary>Group (or role) value at the provider → portal staff role (Admin, Legal or Sales). Matched case-sensitively.</summary>
    public Dictionary<string, string> RoleMap { get; set; } = [];

    public List<string> Scopes { get; set; } = ["openid", "profile", "email"];

    /// <summary>
    /// Whether the provider's own second factor counts as the portal's for every sign-in. False (the default): only a
    /// sign-in whose ID token says so in "amr" (mfa, otp, hwk, swk, sms, fpt, face …) counts; otherwise staff are asked
    /// for the portal's authenticator code. Set true when the provider enforces MFA but its ID tokens carry no "amr".
    /// </summary>
    public bool TrustIdpMfa { get; set; }

    /// <summary>Refuses password, passkey and emailed-link sign-in for accounts with a staff role. Customers keep passwords.</summary>
    public bool DisablePasswordSignInForStaff { get; set; }

    /// <summary>Read profile claims from the userinfo endpoint as well as the ID token.</summary>
    public bool GetClaimsFromUserInfoEndpoint { get; set; }

    /// <summary>Only for a provider on plain http during development.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>What is wrong with the settings, or null.</summary>
    public string? Problem()
    {
        if (!IsConfigured)
        {
            return DisablePasswordSignInForStaff
                ? $"{Section}: DisablePasswordSignInForStaff needs an Authority, or staff could not sign in at all."
                : null;
        }
        if (string.IsNullOrWhiteSpace(ClientId))
        {
            return $"{Section}: ClientId is required when Authority is set.";
        }
        if (string.IsNullOrWhiteSpace(GroupClaim))
        {
            return $"{Section}: GroupClaim must name a claim.";
        }
        var unknown = RoleMap.Values.Where(r => !Roles.Staff.Contains(r)).Distinct().ToList();
        return unknown.Count > 0
            ? $"{Section}: RoleMap maps to {string.Join(", ", unknown)}; only {string.Join(", ", Roles.Staff)} can be given by single sign-on."
            : null;
    }
}
