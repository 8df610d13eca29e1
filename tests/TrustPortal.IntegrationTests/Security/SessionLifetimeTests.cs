using System.Net;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustPortal.Testing;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Admin;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Security;

namespace TrustPortal.IntegrationTests.Security;

/// <summary>The portal on a clock the test moves.</summary>
public sealed class ClockedPortalFactory : PortalFactory
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected override TimeProvider? Clock => Time;
}

/// <summary>
/// Sessions last while people work and end the moment their rights are taken away: over real HTTP with real cookies,
/// on a clock the test moves.
/// </summary>
public sealed class SessionLifetimeTests(ClockedPortalFactory portal) : IClassFixture<ClockedPortalFactory>
{
    private const string Admin = "admin@trustportal.local";

    [Fact]
    public async Task StaffSession_ActiveForHours_StaysSignedInWithItsSecondFactor()
    {
        using var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync("sales@trustportal.local", PortalFactory.DemoPassword);

        for (var step = 0; step < 6; step++)
        {
            portal.Time.Advance(TimeSpan.FromMinutes(31));
            using var queue = await client.GetAsync("/sales/requests");
            using var csv = await client.GetAsync("/legal/attestations.csv");

            Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        }
    }

    [Fact]
    public async Task DeactivatedStaff_VeryNextRequest_IsRefusedIncludingTheCsv()
    {
        var email = await CreateStaffAsync(Roles.Sales);
        using var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync(email, PortalFactory.DemoPassword);
        using (var before = await client.GetAsync("/legal/attestations.csv"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await AsAdminAsync(staff => staff.DeactivateAsync(IdOf(email)));

        using var csv = await client.GetAsync("/legal/attestations.csv");
        using var queue = await client.GetAsync("/sales/requests");
        Assert.Equal(HttpStatusCode.Redirect, csv.StatusCode);
        Assert.Contains("/Account/Login", csv.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("/Account/Login", queue.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemotedLegal_VeryNextRequest_CannotExportOrDownload()
    {
        var email = await CreateStaffAsync(Roles.Legal);
        var agreement = await AnyAgreementAsync();
        using var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync(email, PortalFactory.DemoPassword);
        using (var before = await client.GetAsync($"/agreements/{agreement}/pdf"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await AsAdminAsync(staff => staff.SetRolesAsync(IdOf(email), [Roles.Sales]));

        using var pdf = await client.GetAsync($"/agreements/{agreement}/pdf");
        using var export = await client.GetAsync("/legal/agreements/export");
        // The role change renewed the security stamp: the old session ends at once and both requests go to sign-in.
        foreach (var response in new[] { pdf, export })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/Login?ReturnUrl=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task OpenCircuit_AfterDeactivation_NextActionIsRefused()
    {
        var email = await CreateStaffAsync(Roles.Legal);
        var agreement = await AnyAgreementAsync();
        var principal = await portal.PrincipalForAsync(email);
        await using var circuit = portal.Services.CreateAsyncScope();
        // An interactive circuit: no HTTP request, the user comes from the circuit's authentication state.
        circuit.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = null;
        ((ServerAuthenticationStateProvider)circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        var queries = circuit.ServiceProvider.GetRequiredService<AgreementQueries>();
        Assert.NotNull(await queries.GetPdfAsync(agreement));

        await AsAdminAsync(staff => staff.DeactivateAsync(IdOf(email)));

        Assert.Null(await queries.GetPdfAsync(agreement));
    }

    [Fact]
    public async Task PasswordOnlyLegal_ReadsNoAgreementThroughTheServices()
    {
        var agreement = await AnyAgreementAsync();
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync("legal@trustportal.local", passwordOnly: true));

        Assert.Null(await scope.ServiceProvider.GetRequiredService<AgreementQueries>().GetPdfAsync(agreement));
        Assert.Null(await scope.ServiceProvider.GetRequiredService<AgreementQueries>().GetAsync(agreement));
    }

    private async Task<string> CreateStaffAsync(string role)
    {
        var email = $"staff-{Guid.NewGuid():N}@trustportal.local";
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Casey Staff" };
        Assert.True((await users.CreateAsync(user, PortalFactory.DemoPassword)).Succeeded);
        await users.AddToRoleAsync(user, role);
        await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", PortalFactory.DemoAuthenticatorKey);
        await users.SetTwoFactorEnabledAsync(user, true);
        return email;
    }

    private string IdOf(string email)
    {
        using var db = portal.CreateDbContext();
        return db.Users.Single(u => u.Email == email).Id;
    }

    private async Task<Guid> AnyAgreementAsync()
    {
        await using var db = portal.CreateDbContext();
        return await db.Agreements.Select(a => a.Id).FirstAsync();
    }

    private async Task AsAdminAsync(Func<StaffService, Task<TrustPortal.Web.Infrastructure.Result>> action)
    {
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(Admin));
        var result = await action(scope.ServiceProvider.GetRequiredService<StaffService>());
        Assert.True(result.Succeeded, result.Error);
    }
}
