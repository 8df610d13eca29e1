using Microsoft.Playwright;

namespace TrustPortal.E2E.Pages;

/// <summary>/portal/tokens or /admin/tokens as their owner uses them: create a token, read it once, revoke it.</summary>
public sealed class ApiTokensPage(IPage page)
{
    public ILocator NewSecret => page.Locator("[data-testid=new-token]");

    public ILocator Row(string name) => page.Locator("tr", new() { HasText = name });

    public async Task CreateAsync(string name, params string[] scopes)
    {
        await page.GetByLabel("Name").FillAsync(name);
        foreach (var scope in scopes)
        {
            await page.GetByRole(AriaRole.Checkbox, new() { Name = scope }).CheckAsync();
        }
        await page.ClickButtonAsync("Create token");
    }

    public async Task RevokeAsync(string name)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = $"Revoke {name}" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();
    }
}
