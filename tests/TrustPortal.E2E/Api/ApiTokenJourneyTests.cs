using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Playwright;
using TrustPortal.E2E.Pages;

namespace TrustPortal.E2E.Api;

/// <summary>A customer makes a token in the browser, sees it once, uses it from a program, and revokes it.</summary>
public sealed class ApiTokenJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Customer_CreatesAToken_SeesItOnce_UsesItWithHttpClient_ThenRevokesIt()
    {
        var page = await Session.SignInAsync(fixture, "customer@acme.example");
        var tokens = new ApiTokensPage(page);
        await page.OpenAsync("/portal/tokens");
        await Assertions.Expect(page.GetByText("No tokens yet")).ToBeVisibleAsync();
        await ScreenshotsAsync(page, "acme", "portal-tokens-empty");

        await tokens.CreateAsync("Contract sync", "agreements:read");

        await Assertions.Expect(tokens.NewSecret).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^tp_[A-Za-z0-9_-]{43}$"));
        var secret = (await tokens.NewSecret.TextContentAsync())!;
        await Assertions.Expect(tokens.Row("Contract sync")).ToContainTextAsync("Never");
        await ScreenshotsAsync(page, "acme", "portal-tokens-created");

        using var http = new HttpClient { BaseAddress = fixture.Portal.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using (var response = await http.GetAsync("/api/v1/agreements"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var items = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("items");
            Assert.NotEqual(0, items.GetArrayLength());
            Assert.All(items.EnumerateArray(), a => Assert.Equal("Acme Corporation", a.GetProperty("organizationName").GetString()));
        }

        // Shown once: after a reload the page has only its first characters, and the list shows the use.
        await page.OpenAsync("/portal/tokens");
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        await Assertions.Expect(tokens.Row("Contract sync")).ToContainTextAsync(secret[..9]);
        await Assertions.Expect(tokens.Row("Contract sync")).Not.ToContainTextAsync("Never");

        await tokens.RevokeAsync("Contract sync");

        await Assertions.Expect(tokens.Row("Contract sync")).ToContainTextAsync("Revoked");
        await ScreenshotsAsync(page, "acme", "portal-tokens-revoked");
        using var refused = await http.GetAsync("/api/v1/agreements");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Legal_SeesTheStaffScopes_AndTheApiReference()
    {
        var page = await Session.SignInAsync(fixture, "legal@trustportal.local");
        await page.OpenAsync("/admin/tokens");
        foreach (var scope in new[] { "agreements:read", "organizations:read", "audit:read" })
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = scope })).ToBeVisibleAsync();
        }
        await new ApiTokensPage(page).CreateAsync("Audit export", "audit:read");
        await Assertions.Expect(page.Locator("[data-testid=new-token]")).ToBeVisibleAsync();
        await ScreenshotsAsync(page, "legal", "admin-tokens");

        await page.GetByRole(AriaRole.Link, new() { Name = "API reference" }).ClickAsync();
        await page.WaitForURLAsync("**/api/reference/v1");
        await Assertions.Expect(page.GetByText("Agreements, oldest execution first").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        // Scalar's page is many screens long: the first screen shows what a reader meets.
        await ScreenshotsAsync(page, "legal", "api-reference", fullPage: false);
    }

    [Fact]
    public async Task TokenPage_WithANewToken_HasNoWcagViolations()
    {
        // As the other signed-in checks: a context that lets the test inject axe past the page's CSP.
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.Portal.BaseAddress.ToString(), BypassCSP = true });
        var page = await context.NewPageAsync();
        var login = new LoginPage(page);
        await login.GotoAsync("/portal/tokens");
        await login.SignInAsync("customer@globex.example", TrustPortal.Testing.PortalFactory.DemoPassword);
        await page.WaitForURLAsync("**/portal/tokens");
        await page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await new ApiTokensPage(page).CreateAsync("Accessibility check", "attestations:read");
        await Assertions.Expect(page.Locator("[data-testid=new-token]")).ToBeVisibleAsync();
        await page.EvaluateAsync(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Accessibility", "axe.min.js")));

        var result = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations" +
            ".map(v => v.id + ': ' + v.help + ' (' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ') + ')')");

        var violations = result.EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        await context.CloseAsync();
    }

    private static async Task ScreenshotsAsync(IPage page, string role, string name, bool fullPage = true)
    {
        foreach (var width in new[] { 1366, 390 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.EvaluateAsync("window.scrollTo(0, 0)");
            await page.ScreenshotAsync(new() { Path = Layout.LayoutTests.ScreenshotPath(role, width, name), FullPage = fullPage });
        }
        await page.SetViewportSizeAsync(1366, 900);
    }
}
