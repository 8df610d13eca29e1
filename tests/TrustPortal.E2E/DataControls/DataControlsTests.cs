using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TrustPortal.E2E.Pages;
using TrustPortal.Testing;

namespace TrustPortal.E2E.DataControls;

public sealed partial class DataControlsTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Customer_OptsIn_ThenOut_SeesEachStateAtOnce_AndEachChangeIsASealedRecordLegalSees()
    {
        var page = await Session.SignInAsync(fixture, "customer@globex.example");
        var controls = new DataControlsPage(page);
        await controls.GotoAsync();

        await Assertions.Expect(controls.State).ToHaveTextAsync("Off");
        await Assertions.Expect(controls.CommitmentVersion).ToContainTextAsync(VersionText());
        await controls.SignAsync("Gale Globex", "Sign and opt in");

        await Assertions.Expect(controls.State).ToHaveTextAsync("On");
        await Assertions.Expect(controls.Summary).ToContainTextAsync("Opted in by Gale Globex");
        await Assertions.Expect(controls.Summary).ToContainTextAsync("00:00 UTC");
        await Assertions.Expect(page.GetByText("Data sharing is on.", new() { Exact = false })).ToBeVisibleAsync();
        await ScreenshotsAsync(page, "portal-data-controls-on");

        await controls.SignAsync("Gale Globex", "Sign and opt out");

        await Assertions.Expect(controls.State).ToHaveTextAsync("Off");
        await Assertions.Expect(controls.Summary).ToContainTextAsync("with effect at once");
        await Assertions.Expect(page.GetByText("Data sharing is off, with effect now.", new() { Exact = false })).ToBeVisibleAsync();
        await ScreenshotsAsync(page, "portal-data-controls-off");

        // The portal's dashboard shows the same state and leads back here.
        await page.OpenAsync("/portal");
        var card = page.Locator("#data-controls");
        await Assertions.Expect(card).ToContainTextAsync(OffSince());
        await Assertions.Expect(card.GetByRole(AriaRole.Link, new() { Name = "See or change the election" })).ToHaveAttributeAsync("href", "/portal/data-controls");
        await ScreenshotsAsync(page, "portal-with-data-controls");

        // Two sealed records, each naming the commitments version the member read.
        await using (var db = fixture.Portal.CreateDbContext())
        {
            var version = await db.ContentVersions.MaxAsync(v => v.Number);
            var pdfs = await db.AgreementDocuments
                .Where(d => db.DataSharingElections.Any(e => e.AgreementId == d.AgreementId))
                .Select(d => d.Content).ToListAsync();
            Assert.Equal(2, pdfs.Count);
            Assert.All(pdfs, pdf =>
            {
                Assert.True(PdfTools.IsValidlySealed(pdf), PdfTools.Pdfsig(pdf));
                Assert.Contains($"Version {version}, in effect since", PdfTools.Text(pdf), StringComparison.Ordinal);
            });
        }

        // Legal's matrix shows the election in force.
        var legal = await Session.SignInAsync(fixture, "legal@trustportal.local");
        await legal.OpenAsync("/legal/attestations");
        var row = legal.Locator("tr", new() { HasText = "Globex Inc." });
        await Assertions.Expect(row).ToContainTextAsync(OffSince());
        await ScreenshotsAsync(legal, "legal-attestations-training", "legal");
    }

    [Fact]
    public async Task DataControlsPage_HasNoWcagViolations()
    {
        // As the public pages' check: a context that lets the test inject axe past the page's CSP.
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.Portal.BaseAddress.ToString(), BypassCSP = true });
        var page = await context.NewPageAsync();
        var login = new LoginPage(page);
        await login.GotoAsync("/portal/data-controls");
        await login.SignInAsync("customer@acme.example", PortalFactory.DemoPassword);
        await page.WaitForURLAsync("**/portal/data-controls");
        await page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.EvaluateAsync(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Accessibility", "axe.min.js")));

        var result = await page.EvaluateAsync<System.Text.Json.JsonElement>(
            "async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations" +
            ".map(v => v.id + ': ' + v.help + ' (' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ') + ')')");

        var violations = result.EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        await context.CloseAsync();
    }

    private static Regex VersionText() => CommitmentsVersion();

    private static Regex OffSince() => OffSincePattern();

    private static async Task ScreenshotsAsync(IPage page, string name, string role = "globex")
    {
        foreach (var width in new[] { 1366, 390 })
        {
            await page.SetViewportSizeAsync(width, 900);
            // The app bar is sticky: from the top, a full-page capture shows it where a reader sees it.
            await page.EvaluateAsync("window.scrollTo(0, 0)");
            await page.ScreenshotAsync(new() { Path = Layout.LayoutTests.ScreenshotPath(role, width, name), FullPage = true });
        }
        await page.SetViewportSizeAsync(1366, 900);
    }

    [GeneratedRegex(@"Version \d+, in effect since")]
    private static partial Regex CommitmentsVersion();

    [GeneratedRegex(@"Off since \d{4}-\d{2}-\d{2} \(UTC\)")]
    private static partial Regex OffSincePattern();
}
