using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Api;

namespace TrustPortal.IntegrationTests.Api;

/// <summary>
/// Every /api/v1 route the app maps (read from its endpoint data source, so a new route joins these tests by itself):
/// each is in the OpenAPI document with the bearer scheme and its scope, answers 200 with that scope, 403 without it,
/// and 401 without a token.
/// </summary>
public sealed class ApiRouteTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task OpenApiDocument_ListsEveryApiRoute_WithTheBearerSchemeAndItsScope()
    {
        var routes = ApiRoutes();
        using var browser = new PortalClient(portal.BaseAddress);
        await browser.SignInAsync(ApiTestData.AcmeEmail, PortalFactory.DemoPassword);

        using var response = await browser.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await ApiTestData.JsonAsync(response);
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty(ApiOpenApi.SecuritySchemeName);
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        var paths = document.GetProperty("paths");
        var documented = paths.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(routes.Keys.Order(StringComparer.Ordinal).ToList(), documented);
        foreach (var (route, scope) in routes)
        {
            var operation = paths.GetProperty(route).GetProperty("get");
            var requirement = operation.GetProperty("security").EnumerateArray().Single();
            Assert.Equal(scope, requirement.GetProperty(ApiOpenApi.SecuritySchemeName).EnumerateArray().Single().GetString());
        }
    }

    [Fact]
    public async Task OpenApiDocumentAndReference_NeedSignIn()
    {
        using var anonymous = new PortalClient(portal.BaseAddress);
        using var browser = new PortalClient(portal.BaseAddress);
        await browser.SignInAsync(ApiTestData.GlobexEmail, PortalFactory.DemoPassword);

        foreach (var url in new[] { "/openapi/v1.json", ApiRegistration.ReferenceUrl })
        {
            using var refused = await anonymous.GetAsync(url);
            Assert.Contains("/Account/Login", refused.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
            using var shown = await browser.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
            if (url == ApiRegistration.ReferenceUrl)
            {
                // Scalar starts with one inline script: the CSP allows exactly it, by hash, and no other inline script.
                var scripts = shown.Headers.GetValues("Content-Security-Policy").Single().Split(';').Select(d => d.Trim())
                    .Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
                Assert.Contains("'sha256-", scripts, StringComparison.Ordinal);
                Assert.DoesNotContain("unsafe", scripts, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task EveryRoute_AnswersWithItsScope_403WithoutIt_401WithoutAToken()
    {
        var routes = ApiRoutes();
        var samples = await SamplesAsync();
        using var full = ApiTestData.Client(portal, await ApiTestData.CreateTokenAsync(portal, ApiTestData.LegalEmail, ApiScopes.All, name: "All scopes"));
        using var anonymous = ApiTestData.Client(portal, null);
        var failures = new List<string>();
        foreach (var scope in ApiScopes.All)
        {
            using var without = ApiTestData.Client(portal,
                await ApiTestData.CreateTokenAsync(portal, ApiTestData.LegalEmail, ApiScopes.All.Where(s => s != scope), name: $"All but {scope}"));
            foreach (var (route, needs) in routes.Where(r => r.Value == scope))
            {
                var url = Fill(route, samples);
                using var ok = await full.GetAsync(url);
                using var forbidden = await without.GetAsync(url);
                using var unauthorized = await anonymous.GetAsync(url);
                if (ok.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"{url} with {needs}: {(int)ok.StatusCode} {await ok.Content.ReadAsStringAsync()}");
                }
                if (forbidden.StatusCode != HttpStatusCode.Forbidden || forbidden.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    failures.Add($"{url} without {needs}: {(int)forbidden.StatusCode}");
                }
                if (unauthorized.StatusCode != HttpStatusCode.Unauthorized)
                {
                    failures.Add($"{url} without a token: {(int)unauthorized.StatusCode}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task UnknownOrMalformedIds_Are404Problems()
    {
        using var full = ApiTestData.Client(portal, await ApiTestData.CreateTokenAsync(portal, ApiTestData.LegalEmail, ApiScopes.All, name: "404s"));
        foreach (var route in ApiRoutes().Keys.Where(r => r.Contains("{id}", StringComparison.Ordinal)))
        {
            foreach (var id in new[] { Guid.NewGuid().ToString(), "not-a-guid" })
            {
                using var response = await full.GetAsync(route.Replace("{id}", id, StringComparison.Ordinal));
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
    }

    [Theory]
    [InlineData("/api/v1/no-such-endpoint")]
    [InlineData("/api/v1/agreements/x/y/z")]
    public async Task AnAddressThatIsNoEndpoint_Is404Problem_WithTheReference_NotTheHtmlPage(string url)
    {
        using var client = ApiTestData.Client(portal, await ApiTestData.CreateTokenAsync(portal, ApiTestData.LegalEmail, [ApiScopes.AgreementsRead]));

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(ApiRegistration.ReferenceUrl, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Each /api/v1 route the app maps (not the fallback for addresses that are none), with the scope its metadata names.</summary>
    private Dictionary<string, string> ApiRoutes()
    {
        _ = portal.BaseAddress;
        var routes = portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => (e.RoutePattern.RawText ?? "").TrimStart('/').StartsWith("api/v1/", StringComparison.Ordinal) && e.Order != int.MaxValue)
            .ToDictionary(e => "/" + e.RoutePattern.RawText!.TrimStart('/'), e => e.Metadata.GetMetadata<ApiScopeMetadata>()?.Scope ?? "(none)");
        Assert.NotEmpty(routes);
        Assert.DoesNotContain("(none)", routes.Values);
        return routes;
    }

    private async Task<Dictionary<string, string>> SamplesAsync()
    {
        await using var db = portal.CreateDbContext();
        return new()
        {
            ["/api/v1/agreements/"] = (await db.Agreements.Select(a => a.Id).FirstAsync()).ToString(),
            ["/api/v1/organizations/"] = (await db.Organizations.Select(o => o.Id).FirstAsync()).ToString(),
            ["/api/v1/requests/baa/"] = (await db.BaaRequests.Select(r => r.Id).FirstAsync()).ToString(),
            ["/api/v1/requests/data-retention/"] = await DataRetentionRequestIdAsync(),
        };
    }

    /// <summary>The demo has no data-retention request: one is made as Acme's customer would.</summary>
    private async Task<string> DataRetentionRequestIdAsync()
    {
        await using (var db = portal.CreateDbContext())
        {
            if (await db.DataRetentionRequests.Select(r => (Guid?)r.Id).FirstOrDefaultAsync() is { } existing)
            {
                return existing.ToString();
            }
        }
        var (id, _) = await DataRetention.DataRetentionTestData.SubmitNewAsync(portal, "API Retention Co");
        return id.ToString();
    }

    private static string Fill(string route, Dictionary<string, string> samples)
    {
        var brace = route.IndexOf('{', StringComparison.Ordinal);
        if (brace < 0)
        {
            return route;
        }
        var prefix = route[..brace];
        var end = route.IndexOf('}', brace);
        return prefix + samples[prefix] + route[(end + 1)..];
    }
}
