using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Data;
using TrustPortal.Web.Security;

namespace TrustPortal.IntegrationTests.Security;

/// <summary>Staff reach staff pages only after a two-factor sign-in; without a second factor they are sent to set one up.</summary>
public sealed class StaffMfaTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task StaffWithoutTwoFactor_IsSentToSetItUp_InsteadOfTheStaffPage()
    {
        var email = $"new-sales-{Guid.NewGuid():N}@trustportal.local";
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "New Sales" };
            Assert.True((await users.CreateAsync(user, PortalFactory.DemoPassword)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Sales);
        }
        using var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync(email, PortalFactory.DemoPassword);

        using var queue = await client.GetAsync("/sales/requests");
        using var audit = await client.GetAsync("/legal/audit");

        Assert.Equal(HttpStatusCode.Redirect, queue.StatusCode);
        Assert.Contains("/Account/Manage/EnableAuthenticator", queue.Headers.Location!.OriginalString, StringComparison.Ordinal);
        // A page of another role is still plainly denied.
        Assert.Contains("/Account/AccessDenied", audit.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoStaff_AfterPasswordOnly_AreAskedForACode_AndGetInWithIt()
    {
        using var passwordOnly = new PortalClient(portal.BaseAddress);
        using (var step = await passwordOnly.SubmitFormAsync("/Account/Login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = "sales@trustportal.local",
            ["Input.Password"] = PortalFactory.DemoPassword,
        }))
        {
            Assert.Contains("/Account/LoginWith2fa", step.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
        using (var blocked = await passwordOnly.GetAsync("/sales/requests"))
        {
            Assert.Contains("/Account/Login", blocked.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        using var withCode = new PortalClient(portal.BaseAddress);
        await withCode.SignInAsync("sales@trustportal.local", PortalFactory.DemoPassword);
        using var queue = await withCode.GetAsync("/sales/requests");

        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
    }
}
