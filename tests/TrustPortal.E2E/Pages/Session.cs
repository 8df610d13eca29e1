using Microsoft.Playwright;
using TrustPortal.Testing;

namespace TrustPortal.E2E.Pages;

/// <summary>A signed-in browser context for one demo user.</summary>
public static class Session
{
    public static async Task<IPage> SignInAsync(BrowserFixture fixture, string email)
    {
        var page = await fixture.NewPageAsync();
        var login = new LoginPage(page);
        await login.GotoAsync("/workspace");
        await login.SignInAsync(email, PortalFactory.DemoPassword);
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        return page;
    }

    /// <summary>Opens a page and waits until its circuit is live, so clicks reach the server.</summary>
    public static async Task OpenAsync(this IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    public static Task ClickButtonAsync(this IPage page, string name) =>
        page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).ClickAsync();
}
