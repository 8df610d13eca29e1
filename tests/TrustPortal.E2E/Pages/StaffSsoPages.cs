using Microsoft.Playwright;

namespace TrustPortal.E2E.Pages;

/// <summary>The sign-in page's single sign-on button and the test provider's own sign-in page, as a person sees them.</summary>
public sealed class StaffSsoPages(IPage page)
{
    public ILocator Button => page.GetByRole(AriaRole.Button, new() { Name = "Sign in with Test IdP" });

    /// <summary>From the portal's sign-in page through the provider, choosing the person named <paramref name="name"/>.</summary>
    public async Task SignInAsync(string name)
    {
        await Button.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Test IdP");
        await page.GetByRole(AriaRole.Button, new() { Name = name, Exact = false }).ClickAsync();
    }
}
