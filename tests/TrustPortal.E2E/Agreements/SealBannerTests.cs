using Microsoft.Playwright;
using TrustPortal.E2E.Pages;

namespace TrustPortal.E2E.Agreements;

/// <summary>
/// With the self-signed default certificate, Legal and Admin see on their pages that PDF readers will call the seal
/// untrusted, at laptop and phone width. Screenshots go to artifacts/screenshots.
/// </summary>
public sealed class SealBannerTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SelfSignedSeal_LegalSeesTheBannerThatFitsTheScreen()
    {
        var page = await Session.SignInAsync(fixture, "legal@trustportal.local");
        await page.GotoAsync("/legal/agreements");

        var banner = page.Locator("[data-banner='seal-self-signed']");
        await Assertions.Expect(banner).ToBeVisibleAsync();
        await Assertions.Expect(banner).ToContainTextAsync("untrusted");
        // The library loads its rows once the circuit is live: the screenshot shows the page as Legal uses it.
        await Assertions.Expect(page.GetByText("DPA-").First).ToBeVisibleAsync();
        foreach (var width in new[] { 1366, 390 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.ScreenshotAsync(new() { Path = Layout.LayoutTests.ScreenshotPath("legal", width, "seal-banner"), FullPage = true });
            var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
            Assert.False(overflow, $"The page with the banner is wider than {width} px.");
        }
    }

    [Fact]
    public async Task AuditPage_SaysWhetherTheTrailIsAnchored_AndFitsTheScreen()
    {
        var page = await Session.SignInAsync(fixture, "legal@trustportal.local");
        await page.GotoAsync("/legal/audit");

        // The test portal configures no time-stamp authority: the page says so and offers no anchoring.
        await Assertions.Expect(page.Locator("[data-anchor=off]")).ToContainTextAsync("Anchoring is off");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Anchor now" })).ToBeDisabledAsync();
        // The trail loads once the circuit is live; the registration of the seal certificate is among its events.
        await Assertions.Expect(page.GetByText("seal-certificate.registered").First).ToBeVisibleAsync();
        foreach (var width in new[] { 1366, 390 })
        {
            await page.SetViewportSizeAsync(width, 900);
            // The top of the page: the trail below is long.
            await page.ScreenshotAsync(new() { Path = Layout.LayoutTests.ScreenshotPath("legal", width, "audit-anchor") });
            var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
            Assert.False(overflow, $"The audit page is wider than {width} px.");
        }
    }
}
