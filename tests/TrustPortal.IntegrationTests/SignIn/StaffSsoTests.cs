using System.Net;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Testing;
using TrustPortal.Web.Security;

namespace TrustPortal.IntegrationTests.SignIn;

/// <summary>Staff single sign-on against a real OpenID Connect provider (OpenIddict) started by the test.</summary>
public sealed class StaffSsoTests(SsoPortal portal) : IClassFixture<SsoPortal>, IAsyncLifetime
{
    public async Task InitializeAsync() => await portal.StartAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SignIn_InLegalGroup_LandsInTheLegalWorkArea_WithTheLegalRole()
    {
        var person = NewPerson([SsoPortal.LegalGroup]);
        using var client = new PortalClient(portal.BaseAddress);

        var landing = await StaffSsoFlow.SignInAsync(client, portal, person.Subject);
        using var workspace = await client.GetAsync(landing);
        using var library = await client.GetAsync("/legal/agreements");
        using var queue = await client.GetAsync("/sales/requests");

        Assert.Equal("/workspace", landing);
        Assert.Equal("/legal/countersign", workspace.Headers.Location?.OriginalString);
        // The provider asserted MFA (amr), so the staff page opens without the portal's own code.
        Assert.Equal(HttpStatusCode.OK, library.StatusCode);
        Assert.Contains("/Account/AccessDenied", queue.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.Equal([Roles.Legal], await StaffSsoFlow.RolesOfAsync(portal, person.Email));
    }

    [Fact]
    public async Task SecondSignIn_AfterGroupsChange_AddsAndRemovesRoles_AuditsIt_AndEndsTheOldSession()
    {
        var person = NewPerson([SsoPortal.LegalGroup, SsoPortal.SalesGroup]);
        using var first = new PortalClient(portal.BaseAddress);
        await StaffSsoFlow.SignInAsync(first, portal, person.Subject);
        Assert.Equal([Roles.Sales, Roles.Legal], await StaffSsoFlow.RolesOfAsync(portal, person.Email));

        portal.Provider.AddUser(person with { Groups = [SsoPortal.SalesGroup, SsoPortal.AdminGroup] });
        using var second = new PortalClient(portal.BaseAddress);
        await StaffSsoFlow.SignInAsync(second, portal, person.Subject);

        Assert.Equal([Roles.Sales, Roles.Admin], await StaffSsoFlow.RolesOfAsync(portal, person.Email));
        await using var db = portal.CreateDbContext();
        var userId = await db.Users.Where(u => u.Email == person.Email).Select(u => u.Id).SingleAsync();
        var changes = await db.AuditEvents.Where(e => e.EntityId == userId && e.Action == "staff.roles.changed")
            .OrderBy(e => e.Sequence).Select(e => e.Data).ToListAsync();
        Assert.Equal(2, changes.Count);
        Assert.Contains("\"before\":[\"Sales\",\"Legal\"],\"after\":[\"Sales\",\"Admin\"]", changes[1], StringComparison.Ordinal);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.EntityId == userId && e.Action == "staff.sso.created"));
        // The first session still carried Legal: the role change ended it.
        using var stale = await first.GetAsync("/legal/agreements");
        Assert.Contains("/Account/Login", stale.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        using var admin = await second.GetAsync("/admin/users");
        Assert.NotEqual(HttpStatusCode.Redirect, admin.StatusCode);
    }

    [Fact]
    public async Task SignIn_WithGroupsThatMapToNoRole_GetsNoAccountNoSession_AndAClearPage()
    {
        var person = NewPerson(["everyone", "engineering"]);
        using var client = new PortalClient(portal.BaseAddress);

        var landing = await StaffSsoFlow.SignInAsync(client, portal, person.Subject);
        var page = await client.GetDocumentAsync(landing);
        using var staffPage = await client.GetAsync("/legal/agreements");
        using var customerPage = await client.GetAsync("/portal");

        Assert.Equal("/Account/NoPortalRole?reason=no-role", landing);
        Assert.Contains("Your account has no portal role", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Ask your administrator", page.Body.TextContent, StringComparison.Ordinal);
        Assert.Contains("/Account/Login", staffPage.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.Contains("/Account/Login", customerPage.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        await using var db = portal.CreateDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == person.Email));
    }

    [Fact]
    public async Task SignIn_WhenEveryMappedGroupIsGone_RemovesTheStaffRoles_AndGivesNoSession()
    {
        var person = NewPerson([SsoPortal.SalesGroup]);
        using (var client = new PortalClient(portal.BaseAddress))
        {
            await StaffSsoFlow.SignInAsync(client, portal, person.Subject);
        }
        portal.Provider.AddUser(person with { Groups = ["alumni"] });
        using var again = new PortalClient(portal.BaseAddress);

        var landing = await StaffSsoFlow.SignInAsync(again, portal, person.Subject);
        using var queue = await again.GetAsync("/sales/requests");

        Assert.Equal("/Account/NoPortalRole?reason=no-role", landing);
        Assert.Empty(await StaffSsoFlow.RolesOfAsync(portal, person.Email));
        Assert.Contains("/Account/Login", queue.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WithACustomersVerifiedEmail_IsNeverLinkedToTheCustomer()
    {
        const string customer = "customer@acme.example";
        var subject = $"sub-{Guid.NewGuid():N}";
        portal.Provider.AddUser(new TestIdpUser(subject, customer, "Acme Person", [SsoPortal.AdminGroup]));
        using var client = new PortalClient(portal.BaseAddress);

        var landing = await StaffSsoFlow.SignInAsync(client, portal, subject);

        Assert.Equal("/Account/NoPortalRole?reason=not-staff", landing);
        Assert.Equal([Roles.Customer], await StaffSsoFlow.RolesOfAsync(portal, customer));
        await using var db = portal.CreateDbContext();
        Assert.False(await db.UserLogins.AnyAsync(l => l.ProviderKey == subject));
    }

    [Fact]
    public async Task SignIn_WithAStaffMembersEmail_LinksOnlyWhenTheProviderVerifiedIt()
    {
        const string legal = "legal@trustportal.local";
        var unverified = new TestIdpUser($"sub-{Guid.NewGuid():N}", legal, "Legal Person", [SsoPortal.LegalGroup], EmailVerified: false);
        portal.Provider.AddUser(unverified);
        using var first = new PortalClient(portal.BaseAddress);
        Assert.Equal("/Account/NoPortalRole?reason=unverified", await StaffSsoFlow.SignInAsync(first, portal, unverified.Subject));

        var verified = unverified with { Subject = $"sub-{Guid.NewGuid():N}", EmailVerified = true };
        portal.Provider.AddUser(verified);
        using var second = new PortalClient(portal.BaseAddress);
        Assert.Equal("/workspace", await StaffSsoFlow.SignInAsync(second, portal, verified.Subject));

        await using var db = portal.CreateDbContext();
        var legalId = await db.Users.Where(u => u.Email == legal).Select(u => u.Id).SingleAsync();
        Assert.Equal([verified.Subject], await db.UserLogins.Where(l => l.UserId == legalId).Select(l => l.ProviderKey).ToListAsync());
        Assert.True(await db.AuditEvents.AnyAsync(e => e.EntityId == legalId && e.Action == "staff.sso.linked"));
    }

    private TestIdpUser NewPerson(IReadOnlyList<string> groups)
    {
        var id = Guid.NewGuid().ToString("N");
        var person = new TestIdpUser($"sub-{id}", $"sso-{id}@staff.example", $"Staff {id[..6]}", groups);
        portal.Provider.AddUser(person);
        return person;
    }
}
