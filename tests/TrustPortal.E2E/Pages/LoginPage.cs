using Microsoft.Playwright;

namespace TrustPortal.E2E.Pages;

/// <summary>The sign-in page, as a user sees it.</summary>
public sealed class LoginPage(IPage page)
{
    public Task GotoAsync(string returnUrl = "/portal") =>
        page.GotoAsync($"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}");

    public async Task SignInAsync(string email, string password)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        // Staff have a second step: the code from their authenticator app. Wait for whichever page comes next.
        var codeBox = page.GetByLabel("Authenticator code");
        await Task.WhenAny(
            codeBox.WaitForAsync(),
            page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal)),
            page.GetByText("Invalid login attempt").WaitForAsync());
        if (await codeBox.IsVisibleAsync())
        {
            await codeBox.FillAsync(TrustPortal.Testing.Totp.Code(TrustPortal.Testing.PortalFactory.DemoAuthenticatorKey));
            await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        }
    }
}
