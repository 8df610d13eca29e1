using Microsoft.Playwright;
using TrustPortal.E2E.Pages;
using TrustPortal.Testing;

namespace TrustPortal.E2E.SignIn;

/// <summary>One browser, and the portal with single sign-on against a real OpenID Connect provider (OpenIddict).</summary>
public sealed class StaffSsoBrowserFixture : IAsyncLifetime
{
    public SsoPortal Portal { get; } = new();

    public BrowserFixture Browser { get; }

    public StaffSsoBrowserFixture() => Browser = new BrowserFixture(Portal);

    public async Task InitializeAsync()
    {
        await Portal.StartAsync();
        await Browser.InitializeAsync();
    }

    public Task DisposeAsync() => Browser.DisposeAsync();
}

public sealed class StaffSsoJourneyTests(StaffSsoBrowserFixture fixture) : IClassFixture<StaffSsoBrowserFixture>
{
    [Fact]
    public async Task LegalStaff_SignInThroughTheProvider_AndLandInTheirLegalWorkArea()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        fixture.Portal.Provider.AddUser(new TestIdpUser($"sub-{id}", $"lee-{id}@staff.example", $"Lee Legal {id}", [SsoPortal.LegalGroup]));
        var page = await fixture.Browser.NewPageAsync();
        await page.GotoAsync("/Account/Login");

        await new StaffSsoPages(page).SignInAsync($"Lee Legal {id}");

        await page.WaitForURLAsync(url => url.EndsWith("/legal/countersign", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
        await page.GotoAsync("/legal/agreements");
        Assert.EndsWith("/legal/agreements", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Agreement");
        // Legal only: the Sales queue is not theirs.
        await page.GotoAsync("/sales/requests");
        Assert.Contains("/Account/AccessDenied", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PersonWithUnmappedGroups_GetsTheNoRolePage_AndNoStaffPage()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        fixture.Portal.Provider.AddUser(new TestIdpUser($"sub-{id}", $"eve-{id}@staff.example", $"Eve Engineer {id}", ["engineering"]));
        var page = await fixture.Browser.NewPageAsync();
        await page.GotoAsync("/Account/Login");

        await new StaffSsoPages(page).SignInAsync($"Eve Engineer {id}");

        await page.WaitForURLAsync(url => url.Contains("/Account/NoPortalRole", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Your account has no portal role");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Ask your administrator");
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = Layout.LayoutTests.ScreenshotPath("sso", 390, "no-portal-role"), FullPage = true });
        await page.GotoAsync("/legal/agreements");
        Assert.Contains("/Account/Login", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInPage_ShowsTheSingleSignOnButton_AtDesktopAndPhoneWidths()
    {
        var page = await fixture.Browser.NewPageAsync();
        foreach (var width in new[] { 1366, 390 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.GotoAsync("/Account/Login");
            var button = new StaffSsoPages(page).Button;
            await Assertions.Expect(button).ToBeVisibleAsync();
            var box = await button.BoundingBoxAsync();
            Assert.True(box is { X: >= 0 } && box.X + box.Width <= width, $"The button does not fit {width} px.");
            await page.ScreenshotAsync(new() { Path = Layout.LayoutTests.ScreenshotPath("anonymous", width, "login-sso"), FullPage = true });
        }
    }
}
