using Microsoft.Playwright;

namespace TrustPortal.E2E.Pages;

/// <summary>/portal/data-controls as a member uses it: read the state, sign a change.</summary>
public sealed class DataControlsPage(IPage page)
{
    public ILocator State => page.Locator("[data-testid=election-state]");

    public ILocator Summary => page.Locator("[data-testid=election-summary]");

    public ILocator CommitmentVersion => page.Locator("[data-testid=commitment-version]");

    public Task GotoAsync() => page.OpenAsync("/portal/data-controls");

    /// <summary>Types the name, confirms authority and presses the one signing button the page offers.</summary>
    public async Task SignAsync(string typedName, string button)
    {
        await page.GetByLabel("Type your full name to sign").FillAsync(typedName);
        await page.GetByLabel("I may bind", new() { Exact = false }).CheckAsync();
        await page.ClickButtonAsync(button);
    }
}
