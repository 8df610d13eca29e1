using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Features.TrustCenter;

/// <summary>
/// Output caching for the public pages, for anonymous visitors only. Blazor persists an antiforgery token into every
/// server-rendered page, which sets a cookie and would make the default policy refuse to cache; these pages hold no
/// form, so the cookie is dropped from their responses instead.
/// </summary>
public sealed class TrustCenterCachePolicy : IOutputCachePolicy
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var cacheable = (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            && http.User.Identity?.IsAuthenticated != true
            && !http.Request.Headers.ContainsKey(HeaderNames.Authorization);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = Lifetime;
        context.Tags.Add(TrustCenterService.CacheTag);
        // The theme cookie changes the markup, so it is part of the key.
        context.CacheVaryByRules.VaryByValues["theme"] = Theme.IsDark(http) ? "dark" : "light";
        if (cacheable)
        {
            http.Response.OnStarting(() =>
            {
                http.Response.Headers.Remove(HeaderNames.SetCookie);
                http.Response.Headers.Remove(HeaderNames.Pragma);
                // Browsers revalidate, so a published change shows on the next visit.
                http.Response.Headers.CacheControl = "no-cache";
                return Task.CompletedTask;
            });
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        if (context.HttpContext.Response.StatusCode != StatusCodes.Status200OK)
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }
}
