using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using TrustPortal.Web.Data;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Components.Account;

internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public const string StatusCookieName = "Identity.StatusMessage";

    private static readonly CookieBuilder StatusCookieBuilder = new()
    {
        SameSite = SameSiteMode.Strict,
        HttpOnly = true,
        IsEssential = true,
        MaxAge = TimeSpan.FromSeconds(5),
    };

    /// <summary>
    /// Redirects within this site only: a return address from a query or form that leads elsewhere, or that a
    /// Location header cannot carry, goes to the home page instead (see <see cref="LocalUrl"/>).
    /// </summary>
    public void RedirectTo(string? uri) =>
        navigationManager.NavigateTo(Local(uri) ?? LocalUrl.Home);

    /// <summary>
    /// Redirects to one of the portal's own pages with a query. A return address in the query goes on only when it is
    /// local, and is dropped otherwise, so the next page never carries a hostile or over-long one.
    /// </summary>
    public void RedirectTo(string uri, Dictionary<string, object?> queryParameters)
    {
        var parameters = queryParameters.ToDictionary(p => p.Key,
            p => p.Key.Equals("returnUrl", StringComparison.OrdinalIgnoreCase) ? Local(p.Value as string) : p.Value);
        var uriWithoutQuery = navigationManager.ToAbsoluteUri(uri).GetLeftPart(UriPartial.Path);
        navigationManager.NavigateTo(navigationManager.GetUriWithQueryParameters(uriWithoutQuery, parameters));
    }

    /// <summary>
    /// A local path that survives Blazor's static redirect, or null. That redirect writes the address through
    /// Uri.ToString(), which unescapes non-ASCII characters, and a Location header cannot carry them (a 500).
    /// </summary>
    private string? Local(string? uri) =>
        LocalUrl.TryResolve(uri, new Uri(navigationManager.BaseUri)) is { } local
            && Uri.UnescapeDataString(local).All(c => c is >= ' ' and < '\u007F')
            ? local
            : null;

    public void RedirectToWithStatus(string uri, string message, HttpContext context)
    {
        AppendStatusCookie(context, message);
        RedirectTo(uri);
    }

    /// <summary>A one-time message for the next Identity page (its StatusMessage shows it), also for minimal endpoints.</summary>
    public static void AppendStatusCookie(HttpContext context, string message) =>
        context.Response.Cookies.Append(StatusCookieName, message, StatusCookieBuilder.Build(context));

    private string CurrentPath => navigationManager.ToAbsoluteUri(navigationManager.Uri).GetLeftPart(UriPartial.Path);

    public void RedirectToCurrentPage() => RedirectTo(CurrentPath);

    public void RedirectToCurrentPageWithStatus(string message, HttpContext context)
        => RedirectToWithStatus(CurrentPath, message, context);

    public void RedirectToInvalidUser(UserManager<ApplicationUser> userManager, HttpContext context)
        => RedirectToWithStatus("Account/InvalidUser", $"Error: Unable to load user with ID '{userManager.GetUserId(context.User)}'.", context);
}
