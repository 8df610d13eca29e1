using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TrustPortal.E2E.Pages;

namespace TrustPortal.E2E.TrustCenter;

/// <summary>
/// Prospects reach the gated documents without emailing anyone: a work email, a link, and either access at once (their
/// company is a customer) or Sales' approval; Sales can take it away again at once.
/// </summary>
public sealed partial class ProspectAccessTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task FreeMailAddress_IsRefused()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/documents/access");
        await page.GetByLabel("Work email address").FillAsync("someone@gmail.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Email me a link" }).ClickAsync();

        await Assertions.Expect(page.Locator("#email-error")).ToContainTextAsync("Use your work email address");
        await using var db = fixture.Portal.CreateDbContext();
        Assert.False(await db.TrustViewers.AnyAsync(v => v.Email == "someone@gmail.com"));
    }

    [Fact]
    public async Task ColleagueOfACustomer_GetsInAtOnce_AndTheirSoc2CopyNamesThemOnEveryPage()
    {
        var email = $"reviewer.{Guid.NewGuid():N}@acme.example";
        var page = await SignInAsViewerAsync(email);
        await Assertions.Expect(page.Locator("#reader-status")).ToContainTextAsync("Your access lasts until");

        await page.GetByRole(AriaRole.Link, new() { Name = "read and accept them" }).ClickAsync();
        await page.GetByLabel("Type your full name to accept").FillAsync("Riley Reviewer");
        await page.GetByLabel("I have read these confidentiality terms").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept and continue" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/documents", StringComparison.Ordinal));

        var card = page.Locator(".document-card", new() { HasText = "SOC 2 Type 2 report" });
        var download = await page.RunAndWaitForDownloadAsync(() => card.GetByRole(AriaRole.Link, new() { Name = "Download PDF" }).ClickAsync());
        var pages = await PagesTextAsync(download);
        Assert.True(pages.Count > 3);
        Assert.All(pages, text => Assert.Contains(email, text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownCompany_Waits_SalesApprove_ThenRevoke_AndAccessEndsAtOnce()
    {
        var email = $"ciso@prospect-{Guid.NewGuid():N}.example";
        var prospect = await SignInAsViewerAsync(email);
        await Assertions.Expect(prospect.Locator("#reader-status")).ToContainTextAsync("waiting for our team");
        var card = prospect.Locator(".document-card", new() { HasText = "Penetration test summary" });
        await Assertions.Expect(card.GetByRole(AriaRole.Link, new() { Name = "Download PDF" })).ToHaveCountAsync(0);

        var sales = await Session.SignInAsync(fixture, "sales@trustportal.local");
        await sales.OpenAsync("/sales/access");
        var row = sales.Locator("#access-table tr", new() { HasText = email });
        await row.Locator("input[type=checkbox]").CheckAsync();
        await sales.ClickButtonAsync("Approve");
        await Assertions.Expect(sales.GetByText("1 person approved.")).ToBeVisibleAsync();

        await prospect.ReloadAsync();
        var download = await prospect.RunAndWaitForDownloadAsync(() => card.GetByRole(AriaRole.Link, new() { Name = "Download PDF" }).ClickAsync());
        Assert.All(await PagesTextAsync(download), text => Assert.Contains(email, text, StringComparison.Ordinal));
        var href = await card.GetByRole(AriaRole.Link, new() { Name = "Download PDF" }).GetAttributeAsync("href");

        await sales.Locator(".mud-toggle-item", new() { HasText = "Granted" }).ClickAsync();
        await Assertions.Expect(row.Locator("input[type=checkbox]")).ToBeVisibleAsync();
        await row.Locator("input[type=checkbox]").CheckAsync();
        await sales.GetByLabel("Reason (needed to revoke)").FillAsync("Evaluation finished");
        await sales.ClickButtonAsync("Revoke");
        await Assertions.Expect(sales.GetByText("1 person revoked.")).ToBeVisibleAsync();

        var refused = await prospect.APIRequest.GetAsync(href!);
        Assert.Equal(404, refused.Status);
        await prospect.ReloadAsync();
        await Assertions.Expect(prospect.Locator("#reader-status")).ToContainTextAsync("Your access has ended");
    }

    private async Task<IPage> SignInAsViewerAsync(string email)
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/documents");
        await page.GetByRole(AriaRole.Link, new() { Name = "get access with your work email" }).ClickAsync();
        await page.GetByLabel("Work email address").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Email me a link" }).ClickAsync();
        await Assertions.Expect(page.Locator("#access-result")).ToBeVisibleAsync();

        await using var db = fixture.Portal.CreateDbContext();
        var message = await db.OutboxMessages.Where(m => m.To == email).OrderByDescending(m => m.CreatedAtUtc).FirstAsync();
        await page.GotoAsync(SignInLink().Match(message.TextBody).Value);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/documents", StringComparison.Ordinal));
        return page;
    }

    /// <summary>Each page's text as poppler's pdftotext reads it.</summary>
    private async Task<List<string>> PagesTextAsync(IDownload download)
    {
        var path = Path.Combine(fixture.Portal.DataDirectory, $"{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(path);
        using var process = Process.Start(new ProcessStartInfo("pdftotext", [path, "-"]) { RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("pdftotext did not start; install poppler-utils.");
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return text.Split('\f').Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
    }

    [GeneratedRegex(@"https?://\S+/documents/signin\?token=[A-Za-z0-9_\-]+")]
    private static partial Regex SignInLink();
}
