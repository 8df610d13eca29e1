using TrustPortal.Testing;
using TrustPortal.Web.Security;

namespace TrustPortal.IntegrationTests.SignIn;

/// <summary>A portal of its own: the demo Admin must stay the only active administrator for this test.</summary>
public sealed class StaffSsoLastAdminTests(SsoPortal portal) : IClassFixture<SsoPortal>, IAsyncLifetime
{
    public async Task InitializeAsync() => await portal.StartAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SignIn_OfTheLastActiveAdmin_WithoutTheAdminGroup_KeepsAdmin_AndTakesTheOtherChanges()
    {
        const string admin = "admin@trustportal.local";
        var subject = $"sub-{Guid.NewGuid():N}";
        portal.Provider.AddUser(new TestIdpUser(subject, admin, "Ada Admin", [SsoPortal.LegalGroup]));
        using var client = new PortalClient(portal.BaseAddress);

        var landing = await StaffSsoFlow.SignInAsync(client, portal, subject);

        Assert.Equal("/workspace", landing);
        Assert.Equal([Roles.Legal, Roles.Admin], await StaffSsoFlow.RolesOfAsync(portal, admin));
    }
}
