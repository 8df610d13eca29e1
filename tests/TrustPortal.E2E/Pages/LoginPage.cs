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
    }
}
