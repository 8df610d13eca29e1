using Microsoft.Playwright;

namespace TrustPortal.E2E.Pages;

/// <summary>The page a forwarded signatory opens from the emailed link (/dpa/sign/{token}), with no account.</summary>
public sealed class SignByLinkPage(IPage page)
{
    public Task GotoAsync(string link) => page.GotoAsync(link);

    /// <summary>Asks for the emailed code; the page then offers the code field.</summary>
    public async Task RequestCodeAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Email me a code" }).ClickAsync();
        await Assertions.Expect(page.GetByText("We emailed a code", new() { Exact = false })).ToBeVisibleAsync();
    }

    /// <summary>Enters the code from the email; the page then shows the agreement and the signature form.</summary>
    public async Task EnterCodeAsync(string code)
    {
        await page.GetByLabel("Six-digit code from the email").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm the code" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Email address confirmed", new() { Exact = false })).ToBeVisibleAsync();
    }

    public async Task SignAsync(string typedName)
    {
        await page.GetByLabel("Type your full name to sign").FillAsync(typedName);
        await page.GetByLabel("I have read the Data Processing Addendum", new() { Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign and execute" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Signed and executed");
    }

    /// <summary>The agreement number the completion page announces.</summary>
    public async Task<string> ExecutedNumberAsync() => (await page.Locator(".mud-alert strong").First.TextContentAsync())!.Trim();

    public Task<IDownload> DownloadAsync() =>
        page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download the sealed PDF" }).ClickAsync());
}
