using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Features.TrustCenter;

/// <summary>
/// Output caching for the public pages, for anonymous visitors only. Blazor persists an antiforgery token into every
/// server-rendered page, which sets the antiforgery cookie and would make the default policy refuse to cache. These
/// pages hold no form, so that one cookie is dropped from their responses instead.
/// A page with a form (which needs the cookie) must not use this policy.
/// </summary>
public sealed class TrustCenterCachePolicy : IOutputCachePolicy
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
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
            // Eviction reaches only this instance's cache. The content version and the published list number come from
            // the database, so a publish on another instance changes the key here too. The list number is in the
            // publish's own commit, so it holds even if that instance dies before moving the content version. The date
            // turns "Starts processing ..." into "Since ..." on the day a new subprocessor takes effect.
            var services = http.RequestServices;
            var trustCenter = services.GetRequiredService<TrustCenterService>();
            var listNumber = await trustCenter.GetPublishedListNumberAsync(cancellation);
            context.CacheVaryByRules.VaryByValues["content"] = (await trustCenter.GetContentVersionAsync(cancellation)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var today = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            context.CacheVaryByRules.VaryByValues["subprocessors"] = listNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.CacheVaryByRules.VaryByValues["day"] = today;
            // The machine-readable summaries list the document library and the FAQ, which change without a publish.
            if (http.Request.Path == MachineReadable.TrustCenterFactsReader.LlmsTxtPath || http.Request.Path == MachineReadable.TrustCenterFactsReader.JsonPath)
            {
                if (services.GetService<MachineReadable.ILibraryCatalog>() is { } library)
                {
                    context.CacheVaryByRules.VaryByValues["library"] = await library.VersionAsync(cancellation);
                }
                if (services.GetService<MachineReadable.IFaqCatalog>() is { } faq)
                {
                    context.CacheVaryByRules.VaryByValues["faq"] = await faq.VersionAsync(cancellation);
                }
            }
            var antiforgeryCookie = http.RequestServices.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.Name + "=";
            http.Response.OnStarting(() =>
            {
                var others = http.Response.Headers.SetCookie.Where(c => c is not null && !c.StartsWith(antiforgeryCookie, StringComparison.Ordinal)).ToArray();
                http.Response.Headers.SetCookie = others;
                http.Response.Headers.Remove(HeaderNames.Pragma);
                // Browsers revalidate, so a published change shows on the next visit.
                http.Response.Headers.CacheControl = "no-cache";
                return Task.CompletedTask;
            });
        }
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        // Any other cookie belongs to one visitor and must never be replayed to the next.
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }
}
