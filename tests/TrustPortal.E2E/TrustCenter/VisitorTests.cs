using Microsoft.Playwright;

namespace TrustPortal.E2E.TrustCenter;

public sealed class VisitorTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Visitor_ReadsTheCommitmentsFromTheHomePage()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Link, new() { Name = "Read our commitments" }).ClickAsync();

        // Enhanced navigation patches the page in place, so wait for the content rather than the URL.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Data-privacy commitments");
        Assert.EndsWith("/commitments", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("section#fine-tuning")).ToContainTextAsync("delete your training files and your fine-tuned models");
        await Assertions.Expect(page.Locator("section#training-data")).ToContainTextAsync("1 March 2023");
    }

    [Fact]
    public async Task Visitor_SwitchesToDarkThemeAndItSticks()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/compliance");

        await page.GetByRole(AriaRole.Link, new() { Name = "Switch to dark theme" }).ClickAsync();

        await page.WaitForURLAsync("**/compliance");
        Assert.Equal("dark", await page.Locator("meta[name=color-scheme]").GetAttributeAsync("content"));
        await page.GotoAsync("/subprocessors");
        Assert.NotNull(await page.GetByRole(AriaRole.Link, new() { Name = "Switch to light theme" }).ElementHandleAsync());
    }
}
