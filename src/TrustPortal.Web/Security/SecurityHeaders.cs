using Microsoft.Extensions.Options;
using TrustPortal.Web.Features.SignIn;

namespace TrustPortal.Web.Security;

/// <summary>
/// Security headers on every response. The CSP allows scripts only from this origin (no inline script, no eval):
/// Blazor Server and MudBlazor need neither. Styles allow inline attributes, which MudBlazor's components set.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The policy, with the staff single sign-on provider's origin allowed as a form target: the sign-in button posts
    /// to the portal, which redirects to the provider, and browsers hold that redirect to form-action.
    /// </summary>
    public static string PolicyFor(string? ssoAuthority) =>
        Uri.TryCreate(ssoAuthority, UriKind.Absolute, out var authority)
            ? ContentSecurityPolicy.Replace("form-action 'self'", $"form-action 'self' {authority.GetLeftPart(UriPartial.Authority)}", StringComparison.Ordinal)
            : ContentSecurityPolicy;

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var sso = app.ApplicationServices.GetRequiredService<IOptions<StaffSsoOptions>>().Value;
        var policy = PolicyFor(sso.IsConfigured ? sso.Authority : null);
        return app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["X-Frame-Options"] = "DENY";
            headers.ContentSecurityPolicy = policy;
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            await next();
        });
    }
}
