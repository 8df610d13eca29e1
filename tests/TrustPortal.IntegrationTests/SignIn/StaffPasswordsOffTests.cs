using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.SignIn;

namespace TrustPortal.IntegrationTests.SignIn;

/// <summary>The portal with password sign-in turned off for staff (Authentication:Oidc:DisablePasswordSignInForStaff).</summary>
public sealed class PasswordsOffPortal : SsoPortal
{
    protected override bool DisablePasswordsForStaff => true;
}

public sealed class StaffPasswordsOffTests(PasswordsOffPortal portal) : IClassFixture<PasswordsOffPortal>, IAsyncLifetime
{
    public async Task InitializeAsync() => await portal.StartAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task PasswordSignIn_ForStaff_IsRefusedWithAPointerToSingleSignOn()
    {
        using var client = new PortalClient(portal.BaseAddress);

        using var response = await client.SubmitFormAsync("/Account/Login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = "legal@trustportal.local",
            ["Input.Password"] = PortalFactory.DemoPassword,
        });
        var page = await PortalClient.ParseAsync(response);
        using var staffPage = await client.GetAsync("/legal/agreements");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Staff accounts sign in with Test IdP", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("/Account/Login", staffPage.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordSignIn_ForStaff_WithAWrongPassword_SaysNothingAboutSingleSignOn()
    {
        using var client = new PortalClient(portal.BaseAddress);

        using var response = await client.SubmitFormAsync("/Account/Login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = "sales@trustportal.local",
            ["Input.Password"] = "not-the-password-1",
        });
        var text = (await PortalClient.ParseAsync(response)).QuerySelector("[role=alert]")?.TextContent ?? "";

        Assert.Contains("Invalid login attempt", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Staff accounts", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordSignIn_ForCustomers_StillWorks()
    {
        using var client = new PortalClient(portal.BaseAddress);

        await client.SignInAsync("customer@acme.example", PortalFactory.DemoPassword);
        using var dashboard = await client.GetAsync("/portal");

        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    [Fact]
    public async Task SignInLinks_AreNeitherSentToStaff_NorAcceptedForThem_WhileCustomersStillGetThem()
    {
        await using var scope = portal.ScopeAs(new ClaimsPrincipal(new ClaimsIdentity()));
        var links = scope.ServiceProvider.GetRequiredService<SignInLinks>();
        var manager = scope.ServiceProvider.GetRequiredService<PortalSignInManager>();
        var legal = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync("legal@trustportal.local");

        await links.RequestAsync("legal@trustportal.local");
        await links.RequestAsync("customer@globex.example");
        var refused = await manager.EmailLinkSignInAsync(legal!);

        await using var db = portal.CreateDbContext();
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.To == "legal@trustportal.local" && m.Subject.Contains("sign-in link")));
        Assert.True(await db.OutboxMessages.AnyAsync(m => m.To == "customer@globex.example" && m.Subject.Contains("sign-in link")));
        Assert.IsType<StaffSsoRequired>(refused);
    }

    [Fact]
    public async Task SingleSignOn_WithoutProviderMfa_AsksForThePortalCode_EvenWithPasswordsOff()
    {
        // The demo Sales account has an authenticator; this sign-in's ID token has amr = pwd only.
        var subject = $"sub-{Guid.NewGuid():N}";
        portal.Provider.AddUser(new TestIdpUser(subject, "sales@trustportal.local", "Sam Sales", [SsoPortal.SalesGroup], Mfa: false));
        using var client = new PortalClient(portal.BaseAddress);

        var landing = await StaffSsoFlow.SignInAsync(client, portal, subject);
        Assert.StartsWith("/Account/LoginWith2fa", landing, StringComparison.Ordinal);
        using var verified = await client.SubmitFormAsync(landing, "login-with-2fa", new Dictionary<string, string>
        {
            ["Input.TwoFactorCode"] = Totp.Code(PortalFactory.DemoAuthenticatorKey),
        });
        using var queue = await client.GetAsync("/sales/requests");

        Assert.EndsWith("/workspace", verified.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
    }
}
