using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TrustPortal.Testing;

namespace TrustPortal.E2E.Agreements;

/// <summary>
/// A reader of a printed agreement scans the QR code on its certificate page and lands on its status page, in a real
/// browser with no account. Screenshots of the certificate page and of the status page go to artifacts/screenshots.
/// </summary>
public sealed class VerifyFromPaperTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ScanningTheCertificatePagesCode_OpensTheAgreementsStatusPage()
    {
        _ = fixture.Portal.BaseAddress;
        byte[] pdf;
        string number;
        string sha256;
        await using (var db = fixture.Portal.CreateDbContext())
        {
            var found = await db.Agreements.Where(a => a.Organization!.Name == "Acme Corporation")
                .Join(db.AgreementDocuments, a => a.Id, d => d.AgreementId, (a, d) => new { a.Number, d.Content, d.Sha256 })
                .FirstAsync();
            (pdf, number, sha256) = (found.Content, found.Number, found.Sha256);
        }
        var lastPage = PdfTools.PageCount(pdf);
        await File.WriteAllBytesAsync(Layout.LayoutTests.ScreenshotPath("pdf", 794, "certificate-page"), PdfRaster.Png(pdf, lastPage, dpi: 96));
        var scanned = PdfRaster.ReadQrCode(pdf, lastPage);
        Assert.NotNull(scanned);
        // Demo agreements are sealed before the server listens, so their code names the default host; the path is what leads on.
        var path = new Uri(scanned).PathAndQuery;
        var page = await fixture.NewPageAsync();

        await page.GotoAsync(path);

        Assert.EndsWith($"/verify/{sha256}", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"Agreement {number}");
        await Assertions.Expect(page.Locator("[data-fact=status]")).ToHaveTextAsync("Executed");
        foreach (var width in new[] { 1366, 390 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.ScreenshotAsync(new() { Path = Layout.LayoutTests.ScreenshotPath("visitor", width, "verify-sha256"), FullPage = true });
            var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
            Assert.False(overflow, $"The status page is wider than {width} px.");
        }
        await page.GetByRole(AriaRole.Link, new() { Name = "upload it for the full check" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Verify an agreement");
    }
}
