using TrustPortal.Web.Security;

namespace TrustPortal.Web.Infrastructure;

/// <summary>Light or dark theme, remembered in a cookie so that static pages can render it without script.</summary>
public static class Theme
{
    public const string CookieName = "tp-theme";

    public static bool IsDark(HttpContext context) => context.Request.Cookies[CookieName] == "dark";

    public static void MapThemeEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/theme/{mode}", (string mode, string? returnUrl, HttpContext context) =>
        {
            if (mode is not ("dark" or "light"))
            {
                return Results.BadRequest("Theme must be 'dark' or 'light'.");
            }
            context.Response.Cookies.Append(CookieName, mode, new CookieOptions
            {
                HttpOnly = true,
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                MaxAge = TimeSpan.FromDays(365),
            });
            return Results.LocalRedirect(LocalUrl.OrHome(returnUrl, LocalUrl.SiteOf(context.Request)));
        }).AllowAnonymous().ExcludeFromDescription();
}
