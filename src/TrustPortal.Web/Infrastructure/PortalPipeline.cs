using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using MudBlazor.Services;
using TrustPortal.Web.Components;
using TrustPortal.Web.Components.Account;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Infrastructure;

/// <summary>Services and middleware that are not any one feature's: Blazor, MudBlazor, headers, health.</summary>
public static class PortalPipeline
{
    public static void AddPortalCore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        // Toasts rise from the bottom corner, clear of the header and the staff navigation they used to cover.
        builder.Services.AddMudServices(mud => mud.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomEnd);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddForwardedClients();
        builder.Services.AddScoped<PublicUrls>();
        builder.Services.AddOptions<VendorOptions>().Bind(builder.Configuration.GetSection(VendorOptions.Section))
            .Validate(v => !string.IsNullOrWhiteSpace(v.Name) && !string.IsNullOrWhiteSpace(v.LegalName), "Vendor:Name and Vendor:LegalName are required.")
            // Email links (password reset included) must never be built from a request's Host header, which a caller controls.
            .Validate(v => builder.Environment.IsDevelopment() || PublicUrls.IsValidBase(v.PublicUrl),
                "Vendor:PublicUrl must be the portal's absolute http(s) URL outside Development; email links are built from it.")
            .ValidateOnStart();
    }

    public static void UsePortalPipeline(this WebApplication app)
    {
        // First: everything after it sees the visitor's address, not the proxy's.
        app.UseForwardedClients();
        if (app.Environment.IsDevelopment())
        {
            app.UseMigrationsEndPoint();
        }
        else
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseSecurityHeaders();
        app.UseNulCharacterGuard();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseHttpsRedirection();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseOutputCache();
        app.UseAntiforgery();
    }

    public static void MapPortalCoreEndpoints(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResponseWriter = async (context, report) =>
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsJsonAsync(new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
                    // Only the counts a check chose to publish; descriptions and exceptions can carry internals.
                    details = report.Entries.Where(e => e.Value.Data.Count > 0).ToDictionary(e => e.Key, e => e.Value.Data),
                });
            },
        }).AllowAnonymous().DisableHttpMetrics();
        app.MapThemeEndpoint();
        app.MapRazorComponents<App>()
            // SecurityHeaders already sends frame-ancestors 'none'; Blazor's own default ('self') would be a second, weaker CSP.
            .AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null)
            .AllowFrameworkEndpointsAnonymously()
            .AnswerHeadOnPages();
        app.MapAdditionalIdentityEndpoints();
        // An address that matches nothing is a 404 for everyone (rendered by /not-found), not a sign-in prompt.
        app.MapFallback(() => Results.NotFound()).AllowAnonymous();
    }

    /// <summary>
    /// Pages answer HEAD as they answer GET, without the body (Kestrel drops it): uptime monitors and link checkers ask
    /// with HEAD, and a page that exists must not say 404 to them. Razor components map GET and POST only.
    /// </summary>
    private static RazorComponentsEndpointConventionBuilder AnswerHeadOnPages(this RazorComponentsEndpointConventionBuilder builder)
    {
        builder.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<ComponentTypeMetadata>().Any()
                && endpoint.Metadata.OfType<HttpMethodMetadata>().LastOrDefault() is { } methods
                && methods.HttpMethods.Contains(HttpMethods.Get) && !methods.HttpMethods.Contains(HttpMethods.Head))
            {
                // The last method metadata is the one routing reads.
                endpoint.Metadata.Add(new HttpMethodMetadata([.. methods.HttpMethods, HttpMethods.Head]));
            }
        });
        return builder;
    }

    /// <summary>
    /// The fallback policy (signed in unless a page says otherwise) must cover pages, never the framework's own endpoints
    /// that pages stand on: the circuit hub (<c>/_blazor</c>, its negotiate and disconnect), <c>/_blazor/initializers</c> and
    /// the framework script. Behind the wall they answer 302 to sign-in and a public interactive page such as /verify
    /// never starts for a visitor. A page endpoint carries <see cref="ComponentTypeMetadata"/> and keeps its own
    /// [Authorize]/[AllowAnonymous] (or the fallback); everything else this builder maps is framework.
    /// </summary>
    private static RazorComponentsEndpointConventionBuilder AllowFrameworkEndpointsAnonymously(this RazorComponentsEndpointConventionBuilder builder)
    {
        builder.Add(endpoint =>
        {
            if (!endpoint.Metadata.OfType<ComponentTypeMetadata>().Any())
            {
                endpoint.Metadata.Add(new AllowAnonymousAttribute());
            }
        });
        return builder;
    }
}
