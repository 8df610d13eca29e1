using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Admin;
using TrustPortal.Web.Security;

namespace TrustPortal.IntegrationTests.Admin;

public sealed class StaffTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Password = "Staff-Passw0rd-42";

    [Fact]
    public async Task Invite_CreatesTheAccountWithItsRoles_AndTheEmailedLinkSetsThePassword()
    {
        var email = NewEmail();
        await using (var scope = portal.ScopeAs(await portal.PrincipalForAsync(AdminTestData.Admin)))
        {
            var result = await scope.ServiceProvider.GetRequiredService<StaffService>().InviteAsync(email, "Nora New", [Roles.Legal, Roles.Sales]);
            Assert.True(result.Succeeded, result.Error);
        }

        await using (var db = portal.CreateDbContext())
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            Assert.True(user.EmailConfirmed);
            Assert.Null(user.PasswordHash);
            Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "staff.invited" && e.EntityId == user.Id && e.ActorName == AdminTestData.Admin));
        }
        Assert.Equal([Roles.Legal, Roles.Sales], (await RolesOfAsync(email)).Order(StringComparer.Ordinal));

        // Nobody can sign in before choosing a password with the emailed link.
        using var client = new PortalClient(portal.BaseAddress);
        var link = await InvitationLinkAsync(email);
        using (var reset = await client.SubmitFormAsync(link.PathAndQuery, "reset-password", new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = Password, ["Input.ConfirmPassword"] = Password,
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
            Assert.Contains("ResetPasswordConfirmation", reset.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
        await client.SignInAsync(email, Password);
        // Signed in; staff pages then ask for a second factor before anything else.
        using var countersign = await client.GetAsync("/legal/countersign");
        Assert.Equal(HttpStatusCode.Redirect, countersign.StatusCode);
        Assert.Contains("/Account/Manage/EnableAuthenticator", countersign.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetJobTitle_ByAnAdmin_IsStoredAndListed_ByOthersIsRefused()
    {
        var email = NewEmail();
        string id;
        await using (var scope = portal.ScopeAs(await portal.PrincipalForAsync(AdminTestData.Admin)))
        {
            var staff = scope.ServiceProvider.GetRequiredService<StaffService>();
            Assert.True((await staff.InviteAsync(email, "Tia Title", [Roles.Legal])).Succeeded);
            id = (await staff.ListAsync()).Single(m => m.Email == email).Id;

            var set = await staff.SetJobTitleAsync(id, "  Deputy General Counsel ");

            Assert.True(set.Succeeded, set.Error);
            Assert.Equal("Deputy General Counsel", (await staff.ListAsync()).Single(m => m.Id == id).JobTitle);
            Assert.False((await staff.SetJobTitleAsync(id, new string('x', StaffService.JobTitleMaxLength + 1))).Succeeded);
        }
        await using (var scope = portal.ScopeAs(await portal.PrincipalForAsync("legal@trustportal.local")))
        {
            Assert.False((await scope.ServiceProvider.GetRequiredService<StaffService>().SetJobTitleAsync(id, "Chief Everything")).Succeeded);
        }
        await using var db = portal.CreateDbContext();
        Assert.Equal("Deputy General Counsel", (await db.Users.SingleAsync(u => u.Id == id)).JobTitle);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "staff.title.changed" && e.EntityId == id));
    }

    [Fact]
    public void SignatoryTitle_WithoutAJobTitle_FallsBackToAuthorizedSignatory()
    {
        Assert.Equal("Authorized signatory", StaffService.SignatoryTitle(null));
        Assert.Equal("Authorized signatory", StaffService.SignatoryTitle("  "));
        Assert.Equal("General Counsel", StaffService.SignatoryTitle("General Counsel"));
    }

    [Fact]
    public async Task Invite_WithBadInput_ReturnsAMessageAtEachField_AndStoresNothing()
    {
        await using var before = portal.CreateDbContext();
        var users = await before.Users.CountAsync();
        var messages = await before.OutboxMessages.CountAsync();
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(AdminTestData.Admin));
        var staff = scope.ServiceProvider.GetRequiredService<StaffService>();

        var bad = await staff.InviteAsync("not an email", "x", []);
        var customerRole = await staff.InviteAsync(NewEmail(), "Carl Customer", [Roles.Customer]);
        var existing = await staff.InviteAsync("legal@trustportal.local", "Lee Again", [Roles.Legal]);

        Assert.Equal([nameof(StaffInvitation.DisplayName), nameof(StaffInvitation.Email), nameof(StaffInvitation.Roles)], bad.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([nameof(StaffInvitation.Roles)], customerRole.Errors.Keys);
        Assert.Equal([nameof(StaffInvitation.Email)], existing.Errors.Keys);
        await using var after = portal.CreateDbContext();
        Assert.Equal(users, await after.Users.CountAsync());
        Assert.Equal(messages, await after.OutboxMessages.CountAsync());
    }

    [Fact]
    public async Task TheLastActiveAdmin_CannotBeDemotedOrDeactivated_AndNoAdminDeactivatesThemself()
    {
        var second = NewEmail();
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(AdminTestData.Admin));
        var staff = scope.ServiceProvider.GetRequiredService<StaffService>();
        var adminId = await IdOfAsync(AdminTestData.Admin);

        Assert.True((await staff.InviteAsync(second, "Second Admin", [Roles.Admin])).Succeeded);
        var secondId = await IdOfAsync(second);
        Assert.False((await staff.DeactivateAsync(adminId)).Succeeded);
        Assert.True((await staff.DeactivateAsync(secondId)).Succeeded);

        // Now the demo Admin is the only active one.
        var demote = await staff.SetRolesAsync(adminId, [Roles.Legal]);
        Assert.False(demote.Succeeded);
        Assert.Contains("last active administrator", demote.Error, StringComparison.Ordinal);
        Assert.Contains(Roles.Admin, await RolesOfAsync(AdminTestData.Admin));
        Assert.False((await staff.DeactivateAsync(adminId)).Succeeded);
        await using var db = portal.CreateDbContext();
        Assert.Null((await db.Users.SingleAsync(u => u.Id == adminId)).DeactivatedAtUtc);

        // Roles must be staff roles, and at least one.
        Assert.False((await staff.SetRolesAsync(secondId, [])).Succeeded);
        Assert.False((await staff.SetRolesAsync(secondId, [Roles.Customer])).Succeeded);
        Assert.True((await staff.SetRolesAsync(secondId, [Roles.Sales])).Succeeded);
        Assert.Equal([Roles.Sales], await RolesOfAsync(second));
    }

    [Fact]
    public async Task Deactivated_CannotSignIn_LosesTheirSessions_AndEveryChangeIsAudited()
    {
        var email = NewEmail();
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(AdminTestData.Admin));
        var staff = scope.ServiceProvider.GetRequiredService<StaffService>();
        Assert.True((await staff.InviteAsync(email, "Sid Sales", [Roles.Sales])).Succeeded);
        var id = await IdOfAsync(email);
        await SetPasswordAsync(id);
        using var session = new PortalClient(portal.BaseAddress);
        await session.SignInAsync(email, Password);
        var stampBefore = await StampAsync(id);

        Assert.True((await staff.SetRolesAsync(id, [Roles.Sales, Roles.Legal])).Succeeded);
        var stampAfterRoles = await StampAsync(id);
        Assert.NotEqual(stampBefore, stampAfterRoles);
        var openSession = await portal.PrincipalForAsync(email);
        Assert.True(await StillValidAsync(openSession));
        Assert.True((await staff.DeactivateAsync(id)).Succeeded);

        Assert.NotEqual(stampAfterRoles, await StampAsync(id));
        await using (var db = portal.CreateDbContext())
        {
            var user = await db.Users.SingleAsync(u => u.Id == id);
            Assert.NotNull(user.DeactivatedAtUtc);
            Assert.Equal(DateTimeOffset.MaxValue, user.LockoutEnd);
        }
        Assert.False(await CanSignInAsync(email));
        // Open sessions end at their next security-stamp check.
        Assert.False(await StillValidAsync(openSession));

        Assert.True((await staff.ReactivateAsync(id)).Succeeded);
        Assert.True(await CanSignInAsync(email));

        await using var check = portal.CreateDbContext();
        var actions = await check.AuditEvents.Where(e => e.EntityId == id).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
        Assert.Equal(["staff.invited", "staff.roles.changed", "staff.deactivated", "staff.reactivated"], actions);
    }

    /// <summary>
    /// The sign-in page sends a locked-out account to /Account/Lockout instead of signing it in; either that or a
    /// plain refusal counts as "cannot sign in", as long as no session results.
    /// </summary>
    private async Task<bool> CanSignInAsync(string email)
    {
        using var client = new PortalClient(portal.BaseAddress);
        using var response = await client.SubmitFormAsync("/Account/Login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = Password,
        });
        using var workArea = await client.GetAsync("/Account/Manage");
        var signedIn = workArea.StatusCode == HttpStatusCode.OK;
        if (!signedIn)
        {
            Assert.True(response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location!.OriginalString.Contains("Lockout", StringComparison.Ordinal),
                $"Sign-in redirected to {response.Headers.Location}");
        }
        return signedIn;
    }

    /// <summary>The check the cookie validator and the circuit's revalidation both make: does the session's stamp still match?</summary>
    private async Task<bool> StillValidAsync(ClaimsPrincipal session)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>();
        return await signIn.ValidateSecurityStampAsync(session) is not null;
    }

    private async Task SetPasswordAsync(string id)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(id);
        Assert.True((await users.AddPasswordAsync(user!, Password)).Succeeded);
    }

    private async Task<string> StampAsync(string id)
    {
        await using var db = portal.CreateDbContext();
        return (await db.Users.SingleAsync(u => u.Id == id)).SecurityStamp!;
    }

    private async Task<string> IdOfAsync(string email) =>
        (await portal.PrincipalForAsync(email)).FindFirst(ClaimTypes.NameIdentifier)!.Value;

    private async Task<List<string>> RolesOfAsync(string email)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return [.. await users.GetRolesAsync((await users.FindByEmailAsync(email))!)];
    }

    private async Task<Uri> InvitationLinkAsync(string email)
    {
        await using var db = portal.CreateDbContext();
        var message = await db.OutboxMessages.SingleAsync(m => m.To == email && m.Subject == "Your Meridian AI staff account");
        return AdminTestData.LinkIn(message.TextBody, "/Account/ResetPassword");
    }

    private static string NewEmail() => $"staff-{Guid.NewGuid():N}@trustportal.local";
}
