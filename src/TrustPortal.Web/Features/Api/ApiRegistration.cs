using Microsoft.AspNetCore.Authentication;
using Scalar.AspNetCore;
using TrustPortal.Web.Features.Api.Endpoints;
using TrustPortal.Web.Features.Api.Tokens;

namespace TrustPortal.Web.Features.Api;

/// <summary>The REST API under /api/v1, its tokens, its OpenAPI document and reference page.</summary>
public static class ApiRegistration
{
    public const string ReferencePath = "/api/reference";
    /// <summary>The reference page of the v1 document: where links go.</summary>
    public const string ReferenceUrl = ReferencePath + "/" + ApiOpenApi.DocumentName;

    public static void AddApi(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<ApiTokenService>();
        services.AddSingleton<ApiLimiter>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        var policies = services.AddAuthorizationBuilder();
        foreach (var scope in ApiScopes.All)
        {
            // Only the API's scheme: a browser's cookie never authorizes an API call.
            policies.AddPolicy(ApiScopes.Policy(scope), p => p.AddAuthenticationSchemes(ApiTokenAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser().RequireClaim(ApiScopes.ClaimType, scope));
        }
        services.AddApiOpenApi();
    }

    public static void MapApiEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1")
            // Bearer tokens only, no cookie: nothing for a cross-site request to ride on.
            .DisableAntiforgery()
            .AddEndpointFilter<ApiResponseFilter>()
            .WithTags("TrustPortal API");
        api.MapAgreementsApi();
        api.MapOrganizationsApi();
        api.MapAttestationsApi();
        api.MapRequestsApi();
        api.MapElectionsApi();
        api.MapAuditApi();
        // An address under /api/v1 that is no endpoint (or not for this method) is a JSON problem, not the portal's HTML 404 page.
        app.MapFallback("/api/v1/{**path}", (HttpContext http) =>
            {
                if (http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
                {
                    pages.Enabled = false;
                }
                http.Response.Headers.CacheControl = "no-store";
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                    detail: $"There is no API endpoint {http.Request.Method} {http.Request.Path}. The reference lists every endpoint: {ReferenceUrl}");
            })
            .AllowAnonymous()
            .ExcludeFromDescription();

        // The document and its reference page are for signed-in people (the portal's cookie), like the token pages.
        app.UseApiReferenceCsp(ReferencePath);
        app.MapOpenApi(ApiOpenApi.DocumentPattern).RequireAuthorization();
        app.MapScalarApiReference(ReferencePath, options => options
            .WithTitle("TrustPortal API")
            .WithOpenApiRoutePattern(ApiOpenApi.DocumentPattern)
            .AddPreferredSecuritySchemes(ApiOpenApi.SecuritySchemeName)
            // Nothing that calls a third party from a signed-in page: no AI agent, MCP, telemetry, hosted fonts or deploy buttons.
            .HideDeveloperTools()
            .DisableAgent()
            .DisableMcp()
            .DisableTelemetry()
            .DisableDefaultFonts()
            .WithDotNetFlag(false))
            .RequireAuthorization();
    }

    /// <summary>The endpoint needs a token with <paramref name="scope"/>: 401 without a valid token, 403 without the scope.</summary>
    public static RouteHandlerBuilder RequireScope(this RouteHandlerBuilder endpoint, string scope) =>
        endpoint.RequireAuthorization(ApiScopes.Policy(scope)).WithMetadata(new ApiScopeMetadata(scope));
}
