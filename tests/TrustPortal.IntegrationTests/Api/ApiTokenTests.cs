using System.Net;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Api;
using TrustPortal.Web.Features.Api.Tokens;
using TrustPortal.Web.Security;

namespace TrustPortal.IntegrationTests.Api;

/// <summary>Tokens: stored as a hash only, audited, limited to what the owner may grant, and dead once revoked, expired or orphaned.</summary>
public sealed class ApiTokenTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Create_StoresOnlyTheHash_NeverTheSecret()
    {
        var secret = await ApiTestData.CreateTokenAsync(portal, ApiTestData.AcmeEmail, [ApiScopes.AgreementsRead], name: "Hash check");

        Assert.StartsWith("tp_", secret, StringComparison.Ordinal);
        await using var db = portal.CreateDbContext();
        var token = await db.ApiTokens.SingleAsync(t => t.Name == "Hash check");
        Assert.Equal(ApiTokenSecrets.Hash(secret), token.TokenHash);
        Assert.DoesNotContain(secret, token.TokenHash + token.Hint + token.Scopes + token.Name, StringComparison.Ordinal);
        Assert.False(await db.AuditEvents.AnyAsync(e => e.Data.Contains(secret.Substring(10))));
        // On SQLite the whole database (and its write-ahead log) is one file to search.
        foreach (var file in Directory.GetFiles(portal.DataDirectory, "portal.db*"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory);
            Assert.DoesNotContain(secret, Encoding.Latin1.GetString(memory.ToArray()), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Use_RecordsTheLastUseTime()
    {
        var secret = await ApiTestData.CreateTokenAsync(portal, ApiTestData.AcmeEmail, [ApiScopes.AgreementsRead], name: "Last use");
        var before = DateTime.UtcNow.AddSeconds(-1);
        await using (var db = portal.CreateDbContext())
        {
            Assert.Null((await db.ApiTokens.SingleAsync(t => t.Name == "Last use")).LastUsedAtUtc);
        }
        using var http = ApiTestData.Client(portal, secret);

        using var response = await http.GetAsync("/api/v1/agreements");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var after = portal.CreateDbContext();
        var used = (await after.ApiTokens.SingleAsync(t => t.Name == "Last use")).LastUsedAtUtc;
        Assert.NotNull(used);
        Assert.InRange(used.Value, before, DateTime.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task CreateAndRevoke_AreAuditEvents_AndARevokedTokenIs401()
    {
        var (created, _) = await ApiTestData.TryCreateAsync(portal, ApiTestData.GlobexEmail, [ApiScopes.AgreementsRead], name: "Revoke me");
        Assert.NotNull(created);
        using var http = ApiTestData.Client(portal, created.Secret);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/agreements")).StatusCode);

        await using (var scope = portal.ScopeAs(await portal.PrincipalForAsync(ApiTestData.GlobexEmail)))
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<ApiTokenService>().RevokeAsync(created.Id)).Succeeded);
        }

        using var response = await http.GetAsync("/api/v1/agreements");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await using var db = portal.CreateDbContext();
        var actions = await db.AuditEvents.Where(e => e.EntityType == "ApiToken" && e.EntityId == created.Id.ToString()).Select(e => e.Action).ToListAsync();
        Assert.Equal(["api-token.created", "api-token.revoked"], actions.Order().ToList());
    }

    [Fact]
    public async Task Revoke_AnotherUsersToken_IsRefused()
    {
        var (created, _) = await ApiTestData.TryCreateAsync(portal, ApiTestData.AcmeEmail, [ApiScopes.AgreementsRead], name: "Not yours");
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(ApiTestData.GlobexEmail));

        var result = await scope.ServiceProvider.GetRequiredService<ApiTokenService>().RevokeAsync(created!.Id);

        Assert.False(result.Succeeded);
        using var http = ApiTestData.Client(portal, created.Secret);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/agreements")).StatusCode);
    }

    [Fact]
    public async Task ExpiredToken_Is401()
    {
        var secret = await ApiTestData.CreateTokenAsync(portal, ApiTestData.AcmeEmail, [ApiScopes.AgreementsRead], name: "Expires");
        await using (var db = portal.CreateDbContext())
        {
            await db.ApiTokens.Where(t => t.Name == "Expires").ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAtUtc, DateTime.UtcNow.AddMinutes(-1)));
        }
        using var http = ApiTestData.Client(portal, secret);

        using var response = await http.GetAsync("/api/v1/agreements");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer tp_notarealtokennotarealtokennotarealtokenxx")]
    [InlineData("Bearer ")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task MissingOrUnknownToken_Is401ProblemWithAChallenge(string? header)
    {
        using var http = ApiTestData.Client(portal, null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/agreements");
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", header);
        }

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace((await ApiTestData.JsonAsync(response)).GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task SignedInBrowser_WithoutAToken_Is401_CookiesNeverAuthorizeTheApi()
    {
        using var browser = new PortalClient(portal.BaseAddress);
        await browser.SignInAsync(ApiTestData.LegalEmail, PortalFactory.DemoPassword);

        using var response = await browser.GetAsync("/api/v1/agreements");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task MemberWhoLeavesTheOrganization_TheirTokenStopsWorking()
    {
        var email = await ApiTestData.NewCustomerAsync(portal, "Acme Corporation");
        var secret = await ApiTestData.CreateTokenAsync(portal, email, [ApiScopes.AgreementsRead]);
        using var http = ApiTestData.Client(portal, secret);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/agreements")).StatusCode);

        await using (var db = portal.CreateDbContext())
        {
            var globex = await db.Organizations.Where(o => o.Name == "Globex Inc.").Select(o => o.Id).SingleAsync();
            await db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(s => s.SetProperty(u => u.OrganizationId, globex));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/agreements")).StatusCode);
    }

    [Fact]
    public async Task DeactivatedOrDeletedUser_TheirTokenStopsWorking()
    {
        var deactivated = await ApiTestData.NewCustomerAsync(portal, "Acme Corporation");
        var deleted = await ApiTestData.NewCustomerAsync(portal, "Acme Corporation");
        using var first = ApiTestData.Client(portal, await ApiTestData.CreateTokenAsync(portal, deactivated, [ApiScopes.AgreementsRead]));
        using var second = ApiTestData.Client(portal, await ApiTestData.CreateTokenAsync(portal, deleted, [ApiScopes.AgreementsRead]));

        await using (var db = portal.CreateDbContext())
        {
            await db.Users.Where(u => u.Email == deactivated).ExecuteUpdateAsync(s => s.SetProperty(u => u.DeactivatedAtUtc, DateTime.UtcNow));
        }
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            Assert.True((await users.DeleteAsync((await users.FindByEmailAsync(deleted))!)).Succeeded);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/v1/agreements")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/v1/agreements")).StatusCode);
    }

    [Fact]
    public async Task StaffWhoLosesTheRoleOrTheSecondFactor_LosesTheScopeOrTheToken()
    {
        var email = $"legal-api-{Guid.NewGuid():N}@trustportal.local";
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "API Legal", TwoFactorEnabled = true };
            Assert.True((await users.CreateAsync(user, PortalFactory.DemoPassword)).Succeeded);
            await users.AddToRolesAsync(user, [Roles.Legal, Roles.Sales]);
        }
        using var http = ApiTestData.Client(portal, await ApiTestData.CreateTokenAsync(portal, email, [ApiScopes.AgreementsRead, ApiScopes.OrganizationsRead]));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/agreements")).StatusCode);

        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            await users.RemoveFromRoleAsync((await users.FindByEmailAsync(email))!, Roles.Legal);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/api/v1/agreements")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/organizations")).StatusCode);

        // Every staff right needs the second factor: turning it off ends the token too.
        await using (var db = portal.CreateDbContext())
        {
            await db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(s => s.SetProperty(u => u.TwoFactorEnabled, false));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/organizations")).StatusCode);
    }

    [Theory]
    [InlineData(ApiTestData.AcmeEmail, ApiScopes.OrganizationsRead)]
    [InlineData(ApiTestData.AcmeEmail, ApiScopes.AuditRead)]
    [InlineData(ApiTestData.SalesEmail, ApiScopes.AuditRead)]
    [InlineData(ApiTestData.SalesEmail, ApiScopes.AgreementsRead)]
    [InlineData(ApiTestData.AdminEmail, ApiScopes.AgreementsRead)]
    public async Task Create_WithAScopeTheRoleCannotUse_IsRefused(string email, string scope)
    {
        var (token, error) = await ApiTestData.TryCreateAsync(portal, email, [scope]);

        Assert.Null(token);
        Assert.Contains(scope, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 30, "name")]
    [InlineData("Too long", 366, "365 days")]
    [InlineData("Past", -1, "future")]
    public async Task Create_WithABadNameOrExpiry_SaysWhatIsWrong(string name, int days, string expected)
    {
        var (token, error) = await ApiTestData.TryCreateAsync(portal, ApiTestData.AcmeEmail, [ApiScopes.AgreementsRead], days, name);

        Assert.Null(token);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
