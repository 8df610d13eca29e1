using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.TrustCenter.Subscriptions;
using TrustPortal.Web.Shared;

namespace TrustPortal.IntegrationTests.Admin;

public sealed class SubprocessorAdminTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("customer@acme.example")]
    [InlineData("sales@trustportal.local")]
    [InlineData("legal@trustportal.local")]
    public async Task NonAdmins_AreRefusedByTheServices_AndNothingChanges(string email)
    {
        await using var before = portal.CreateDbContext();
        var subprocessors = await before.Subprocessors.CountAsync();
        var versions = await before.SubprocessorListVersions.CountAsync();
        var users = await before.Users.CountAsync();
        await using (var scope = portal.ScopeAs(await portal.PrincipalForAsync(email)))
        {
            var admin = scope.ServiceProvider.GetRequiredService<SubprocessorAdminService>();
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => admin.GetOverviewAsync());
            Assert.False((await admin.SaveAsync(new SubprocessorInput { Name = "Sneaky", Purpose = "None", Location = "Nowhere", DataCategories = "All" })).Succeeded);
            Assert.False((await admin.RemoveAsync(1)).Succeeded);
            Assert.False((await admin.DiscardAsync(1)).Succeeded);
            Assert.False((await admin.PublishAsync("Sneaky change")).Succeeded);

            var staff = scope.ServiceProvider.GetRequiredService<Web.Features.Admin.StaffService>();
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => staff.ListAsync());
            Assert.False((await staff.InviteAsync($"x-{Guid.NewGuid():N}@example.org", "Sneaky Person", ["Admin"])).Succeeded);
            var me = (await portal.PrincipalForAsync(email)).FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value;
            Assert.False((await staff.SetRolesAsync(me, ["Admin"])).Succeeded);
            var adminId = (await portal.PrincipalForAsync(AdminTestData.Admin)).FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value;
            Assert.False((await staff.DeactivateAsync(adminId)).Succeeded);
        }
        await using var after = portal.CreateDbContext();
        Assert.Equal(subprocessors, await after.Subprocessors.CountAsync());
        Assert.Equal(versions, await after.SubprocessorListVersions.CountAsync());
        Assert.Equal(users, await after.Users.CountAsync());
        Assert.False(await after.Subprocessors.AnyAsync(s => s.RemovedOn != null && s.Id == 1));
    }

    [Fact]
    public async Task Admin_SeesBothPages()
    {
        using var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync(AdminTestData.Admin, PortalFactory.DemoPassword);
        foreach (var url in new[] { "/admin/subprocessors", "/admin/users" })
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Save_WithBadInput_ReturnsAMessageAtEachField_AndStoresNothing()
    {
        await using var before = portal.CreateDbContext();
        var count = await before.Subprocessors.CountAsync();
        var audits = await before.AuditEvents.CountAsync();
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(AdminTestData.Admin));
        var admin = scope.ServiceProvider.GetRequiredService<SubprocessorAdminService>();

        var result = await admin.SaveAsync(new SubprocessorInput
        {
            Name = "x",
            Purpose = "",
            Location = new string('L', 201),
            DataCategories = "Account\u0000data",
            Website = "http://insecure.example",
        });

        Assert.False(result.Succeeded);
        Assert.Equal(
            [nameof(SubprocessorInput.DataCategories), nameof(SubprocessorInput.Location), nameof(SubprocessorInput.Name), nameof(SubprocessorInput.Purpose), nameof(SubprocessorInput.Website)],
            result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.False((await admin.PublishAsync(" ")).Succeeded);
        await using var after = portal.CreateDbContext();
        Assert.Equal(count, await after.Subprocessors.CountAsync());
        Assert.Equal(audits, await after.AuditEvents.CountAsync());
    }

    [Fact]
    public async Task Publish_RecordsAVersion_NotifiesEachDpaOrganizationOnce_WithTheObjectionDeadline()
    {
        using var visitor = new PortalClient(portal.BaseAddress);
        _ = await visitor.GetDocumentAsync("/subprocessors"); // now cached
        await using var before = portal.CreateDbContext();
        var previous = await before.SubprocessorListVersions.MaxAsync(v => (int?)v.Number) ?? 0;
        var dpaSigners = await before.Agreements
            .Where(a => a.Kind == AgreementKind.Dpa && a.Status == AgreementStatus.Executed)
            .GroupBy(a => a.OrganizationId).Select(g => g.OrderByDescending(a => a.ExecutedAtUtc).First().SignerEmail)
            .ToListAsync();
        Assert.NotEmpty(dpaSigners);

        var published = await AdminTestData.AddAndPublishAsync(portal, "Added a processor for tests.");

        await using var db = portal.CreateDbContext();
        var version = await db.SubprocessorListVersions.SingleAsync(v => v.Number == published.Number);
        Assert.Equal(previous + 1, version.Number);
        // The version identifies the list it froze: a SHA-256 that differs from the previous list's, whose content changed.
        Assert.Matches("^[0-9a-f]{64}$", version.Sha256);
        if (previous > 0)
        {
            var earlier = await db.SubprocessorListVersions.SingleAsync(v => v.Number == previous);
            Assert.NotEqual(earlier.Sha256, version.Sha256);
        }
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30), version.ObjectionDeadline);
        var deadline = version.ObjectionDeadline.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        var notices = await db.OutboxMessages.Where(m => m.Subject.Contains("Notice of subprocessor change") && m.Subject.Contains(deadline)).ToListAsync();
        Assert.Equal(dpaSigners.Count, published.Organizations);
        foreach (var signer in dpaSigners)
        {
            var notice = Assert.Single(notices, m => m.To == signer);
            Assert.Contains($"until {deadline}", notice.TextBody, StringComparison.Ordinal);
            Assert.Contains("Added a processor for tests.", notice.TextBody, StringComparison.Ordinal);
        }
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "subprocessors.published" && e.EntityId == version.Number.ToString(CultureInfo.InvariantCulture));
        Assert.Contains($"\"organizations\":{dpaSigners.Count}", audit.Data, StringComparison.Ordinal);

        // The public list shows the change at once: publishing and saving evict the cached page.
        var page = await visitor.GetDocumentAsync("/subprocessors");
        var newest = await db.Subprocessors.Where(s => s.RemovedOn == null).OrderByDescending(s => s.Id).FirstAsync();
        Assert.Contains(newest.Name, page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_WithoutChanges_IsRefused_AndRemoveTakesASubprocessorOffThePublicList()
    {
        await AdminTestData.AddAndPublishAsync(portal);
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(AdminTestData.Admin));
        var admin = scope.ServiceProvider.GetRequiredService<SubprocessorAdminService>();

        var again = await admin.PublishAsync("Nothing really changed.");
        Assert.False(again.Succeeded);
        Assert.Contains("has not changed", again.Error, StringComparison.Ordinal);

        var overview = await admin.GetOverviewAsync();
        Assert.False(overview.HasUnpublishedChanges);
        var target = overview.Rows.First(r => r.Live is not null && r.Draft is null).Live!;
        Assert.True((await admin.RemoveAsync(target.Id)).Succeeded);
        Assert.True((await admin.GetOverviewAsync()).HasUnpublishedChanges);
        using var visitor = new PortalClient(portal.BaseAddress);
        // The removal is a draft: the public list keeps the entry until it is published.
        var draft = await visitor.GetDocumentAsync("/subprocessors");
        Assert.Contains(target.Name, draft.Body!.TextContent, StringComparison.Ordinal);

        Assert.True((await admin.PublishAsync($"Removed {target.Name}.")).Succeeded);
        var page = await visitor.GetDocumentAsync("/subprocessors");
        Assert.DoesNotContain(target.Name, page.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
        await using var db = portal.CreateDbContext();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "subprocessors.removal_drafted" && e.EntityId == target.Id.ToString(CultureInfo.InvariantCulture)));
        Assert.NotNull((await db.Subprocessors.SingleAsync(s => s.Id == target.Id)).RemovedOn);
    }
}
