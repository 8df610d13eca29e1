using Microsoft.Playwright;
using TrustPortal.E2E.Pages;

namespace TrustPortal.E2E.Security;

/// <summary>The strict Content-Security-Policy (no inline script, no eval) leaves every kind of page working.</summary>
public sealed class ContentSecurityPolicyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task PublicAndInteractivePages_RunWithoutAnyCspViolation()
    {
        var page = await Session.SignInAsync(fixture, "customer@acme.example");
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("Refused to", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };

        var response = await page.GotoAsync("/");
        var policy = await response!.HeaderValueAsync("content-security-policy");
        await page.GotoAsync("/commitments");
        await page.OpenAsync("/portal");
        await page.OpenAsync("/dpa/new");
        await page.GetByLabel("Country").FillAsync("Germ");
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item").First).ToBeVisibleAsync();
        await page.OpenAsync("/verify");
        await page.OpenAsync("/portal/tokens");
        // The API reference (Scalar) runs its one inline start-up script by hash, and nothing else it needs is refused.
        await page.GotoAsync("/api/reference/v1");
        await Assertions.Expect(page.GetByText("Agreements, oldest execution first").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Empty(violations);
    }
}
