using Microsoft.Playwright;
using TrustPortal.E2E.Pages;
using TrustPortal.Testing;

namespace TrustPortal.E2E.Portal;

public sealed class CustomerTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task DemoCustomer_SignsIn_AndSeesTheirOrganizationsPortal()
    {
        var page = await SignedInAsAcmeAsync();

        var heading = page.Locator("h1");
        await Assertions.Expect(heading).ToHaveTextAsync("Acme Corporation");
        await Assertions.Expect(page.Locator("[aria-label=Members]").GetByText("Casey Customer")).ToBeVisibleAsync();
        // The other organization's people never appear.
        Assert.Equal(0, await page.GetByText("globex", new() { Exact = false }).CountAsync());
    }

    [Fact]
    public async Task DemoCustomer_InvitesAColleague_AndSeesItPending()
    {
        var page = await SignedInAsAcmeAsync();
        await page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        var email = $"colleague-{Guid.NewGuid():N}@acme.example";
        await page.GetByLabel("Colleague's email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();

        await Assertions.Expect(page.GetByText($"Invitation sent to {email}.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[aria-label='Pending invitations']")).ToContainTextAsync(email);
    }

    [Fact]
    public async Task WrongPassword_StaysOnSignInWithAMessage()
    {
        var page = await fixture.NewPageAsync();
        var login = new LoginPage(page);
        await login.GotoAsync();

        await login.SignInAsync("customer@acme.example", "not-the-password");

        await Assertions.Expect(page.GetByText("Error: Invalid login attempt.")).ToBeVisibleAsync();
        Assert.Contains("/Account/Login", page.Url, StringComparison.Ordinal);
    }

    private async Task<IPage> SignedInAsAcmeAsync()
    {
        var page = await fixture.NewPageAsync();
        var login = new LoginPage(page);
        await login.GotoAsync();
        await login.SignInAsync("customer@acme.example", PortalFactory.DemoPassword);
        await page.WaitForURLAsync("**/portal");
        return page;
    }
}
