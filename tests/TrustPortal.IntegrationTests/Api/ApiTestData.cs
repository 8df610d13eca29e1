using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Api;
using TrustPortal.Web.Features.Api.Tokens;
using TrustPortal.Web.Security;

namespace TrustPortal.IntegrationTests.Api;

/// <summary>Tokens made through the token service as their owner would, and clients that send them.</summary>
internal static class ApiTestData
{
    public const string AcmeEmail = "customer@acme.example";
    public const string GlobexEmail = "customer@globex.example";
    public const string LegalEmail = "legal@trustportal.local";
    public const string SalesEmail = "sales@trustportal.local";
    public const string AdminEmail = "admin@trustportal.local";

    public static async Task<string> CreateTokenAsync(PortalFactory portal, string email, IEnumerable<string> scopes, int days = 30, string name = "Test token")
    {
        var (token, error) = await TryCreateAsync(portal, email, scopes, days, name);
        Assert.True(token is not null, error);
        return token!.Secret;
    }

    public static async Task<(CreatedApiToken? Token, string? Error)> TryCreateAsync(PortalFactory portal, string email, IEnumerable<string> scopes, int days = 30,
        string name = "Test token")
    {
        _ = portal.BaseAddress;
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(email));
        var form = new ApiTokenForm { Name = name, ExpiresOn = DateTime.UtcNow.Date.AddDays(days), Scopes = [.. scopes] };
        return await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync(form);
    }

    public static HttpClient Client(PortalFactory portal, string? token)
    {
        var http = new HttpClient { BaseAddress = portal.BaseAddress };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return http;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>A new, confirmed customer member of <paramref name="organizationName"/>, for tests that take their rights away.</summary>
    public static async Task<string> NewCustomerAsync(PortalFactory portal, string organizationName)
    {
        _ = portal.BaseAddress;
        var email = $"member-{Guid.NewGuid():N}@acme.example";
        await using var scope = portal.Services.CreateAsyncScope();
        await using var db = portal.CreateDbContext();
        var organizationId = await db.Organizations.Where(o => o.Name == organizationName).Select(o => o.Id).SingleAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "API Member", OrganizationId = organizationId };
        Assert.True((await users.CreateAsync(user, PortalFactory.DemoPassword)).Succeeded);
        await users.AddToRoleAsync(user, Roles.Customer);
        return email;
    }

    public static IReadOnlyList<string> AllScopes => ApiScopes.All;
}
