using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace TrustPortal.E2E.Accessibility;

/// <summary>axe-core's WCAG 2.1 A and AA rules on the public pages (light theme).</summary>
public sealed class AccessibilityTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly string Axe = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Accessibility", "axe.min.js"));

    [Theory]
    [InlineData("/")]
    [InlineData("/commitments")]
    [InlineData("/commitments/history")]
    [InlineData("/compliance")]
    [InlineData("/subprocessors")]
    [InlineData("/subprocessors/subscribe")]
    [InlineData("/verify")]
    [InlineData("/faq")]
    [InlineData("/faq?q=training+on+API+data&tag=training")]
    [InlineData("/Account/Login")]
    public async Task PublicPage_HasNoWcagViolations(string url) => await AssertNoViolationsAsync(url);

    [Fact]
    public async Task AgreementStatusPages_HaveNoWcagViolations()
    {
        _ = fixture.Portal.BaseAddress;
        string sha256;
        await using (var db = fixture.Portal.CreateDbContext())
        {
            sha256 = await db.AgreementDocuments.Select(d => d.Sha256).FirstAsync();
        }

        await AssertNoViolationsAsync($"/verify/{sha256}");
        await AssertNoViolationsAsync($"/verify/{new string('0', 64)}");
    }

    private async Task AssertNoViolationsAsync(string url)
    {
        // The page's own CSP forbids injected scripts; this context lets the test inject axe.
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.Portal.BaseAddress.ToString(), BypassCSP = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);
        // Interactive pages re-render the head when their circuit starts; check the settled page, not the hand-over.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.WaitForFunctionAsync("() => document.title.length > 0");
        await page.EvaluateAsync(Axe);

        var result = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations" +
            ".map(v => v.id + ': ' + v.help + ' (' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ') + ')')");

        var violations = result.EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.True(violations.Count == 0, $"{url}:\n" + string.Join("\n", violations));
        await context.CloseAsync();
    }
}
