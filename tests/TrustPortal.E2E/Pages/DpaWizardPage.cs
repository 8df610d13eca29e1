using Microsoft.Playwright;

namespace TrustPortal.E2E.Pages;

/// <summary>The DPA wizard at /dpa/new, step by step as a customer fills it in.</summary>
public sealed class DpaWizardPage(IPage page)
{
    public async Task GotoAsync()
    {
        await page.GotoAsync("/dpa/new");
        await page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    public ILocator CurrentStep => page.Locator(".wizard-steps li[aria-current=step]");

    public async Task FillEntityAsync(string legalName, string address, string country)
    {
        await page.GetByLabel("Legal name").FillAsync(legalName);
        await page.GetByLabel("Registered address").FillAsync(address);
        var countryBox = page.GetByLabel("Country");
        await countryBox.FillAsync(country[..4]);
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(country, new() { Exact = true }).ClickAsync();
        await Assertions.Expect(countryBox).ToHaveValueAsync(country);
    }

    public Task FillSignatoryTitleAsync(string title) => page.GetByLabel("Your title").FillAsync(title);

    /// <summary>"I am not the authorized signatory": names the person the prepared DPA is emailed to.</summary>
    public async Task ChooseSomeoneElseSignsAsync(string name, string title, string email)
    {
        await page.GetByText("I am not the authorized signatory", new() { Exact = false }).ClickAsync();
        await page.GetByLabel("Signatory's full name").FillAsync(name);
        await page.GetByLabel("Signatory's title").FillAsync(title);
        await page.GetByLabel("Signatory's email").FillAsync(email);
    }

    public Task SendForSignatureAsync(string email) =>
        page.GetByRole(AriaRole.Button, new() { Name = $"Send to {email} to sign" }).ClickAsync();

    public async Task FillProcessingAsync(string dataSubject, string dataCategory, string purposes)
    {
        await page.GetByLabel(dataSubject).CheckAsync();
        await page.GetByLabel(dataCategory).CheckAsync();
        await page.GetByLabel("Purposes of processing").FillAsync(purposes);
    }

    public Task NextAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

    public Task ContinueToSignAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Continue to sign" }).ClickAsync();

    public async Task SignAsync(string typedName)
    {
        await page.GetByLabel("Type your full name to sign").FillAsync(typedName);
        await page.GetByLabel("I have read the Data Processing Addendum", new() { Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign and execute" }).ClickAsync();
    }
}
