using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace TrustPortal.Web.Features.Documents;

/// <summary>
/// A viewer's sign-in: its own cookie, separate from accounts, that names the viewer and nothing else. What the
/// viewer may read is looked up on every request, so a revoked grant ends access at once.
/// </summary>
public static class ViewerSession
{
    public const string Scheme = "TrustViewer";
    private const string ViewerIdClaim = "viewer_id";

    public static void AddViewerCookie(this AuthenticationBuilder authentication, bool development, TimeSpan lifetime) =>
        authentication.AddCookie(Scheme, options =>
        {
            options.Cookie.Name = ".TrustPortal.Viewer";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.ExpireTimeSpan = lifetime;
            options.SlidingExpiration = false;
            options.LoginPath = "/documents/access";
            options.AccessDeniedPath = "/documents";
        });

    public static Task SignInAsync(HttpContext context, Guid viewerId, string email)
    {
        var identity = new ClaimsIdentity([new Claim(ViewerIdClaim, viewerId.ToString("N")), new Claim(ClaimTypes.Email, email)], Scheme);
        return context.SignInAsync(Scheme, new ClaimsPrincipal(identity));
    }

    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(Scheme);

    /// <summary>The viewer this browser signed in as, or null.</summary>
    public static async Task<Guid?> ViewerIdAsync(HttpContext? context)
    {
        if (context is null)
        {
            return null;
        }
        var result = await context.AuthenticateAsync(Scheme);
        return result.Succeeded && Guid.TryParseExact(result.Principal.FindFirstValue(ViewerIdClaim), "N", out var id) ? id : null;
    }
}
