using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace TrustPortal.E2E.Layout;

/// <summary>A reader in Tokyo sees times of day in Tokyo time, with the exact UTC value on hover.</summary>
public sealed class LocalTimeTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task UpdatesPage_InTokyo_ShowsTokyoTime_AndUtcOnHover()
    {
        _ = fixture.Portal.BaseAddress;
        DateTime published;
        await using (var db = fixture.Portal.CreateDbContext())
        {
            published = await db.UpdatePosts.OrderByDescending(p => p.PublishedAtUtc).Select(p => p.PublishedAtUtc).FirstAsync();
        }
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.Portal.BaseAddress.ToString(), TimezoneId = "Asia/Tokyo" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/updates");

        var first = page.Locator(".update-list time.local-time").First;
        var tokyo = published.AddHours(9).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);
        await Assertions.Expect(first).ToContainTextAsync(tokyo);
        await Assertions.Expect(first).Not.ToContainTextAsync("UTC");
        Assert.Equal(published.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC", await first.GetAttributeAsync("title"));
        await context.CloseAsync();
    }

    [Fact]
    public async Task UpdatesPage_WithoutJavaScript_ReadsInUtc()
    {
        _ = fixture.Portal.BaseAddress;
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.Portal.BaseAddress.ToString(), TimezoneId = "Asia/Tokyo", JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/updates");
        await Assertions.Expect(page.Locator(".update-list time.local-time").First).ToContainTextAsync("UTC");
        await context.CloseAsync();
    }
}
