using System.Net;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Testing;

namespace TrustPortal.IntegrationTests.Dpa;

/// <summary>Acme's seeded DPA: its members and Legal may see it; for anyone else it does not exist.</summary>
public sealed class AgreementAccessTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData(DpaTestData.AcmeEmail)]
    [InlineData("legal@trustportal.local")]
    public async Task Pdf_ForOwningOrganizationOrLegal_IsTheSealedDocument(string email)
    {
        var (id, number) = await AcmeAgreementAsync();
        using var client = await SignedInAsync(email);

        using var response = await client.GetAsync($"/agreements/{id}/pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"{number}.pdf", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.True(PdfTools.IsValidlySealed(pdf));
        Assert.Contains("Acme Corporation", PdfTools.Text(pdf), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DpaTestData.GlobexEmail)]
    [InlineData("sales@trustportal.local")]
    [InlineData("admin@trustportal.local")]
    public async Task PdfAndPage_ForAnyoneElseSignedIn_AreNotFound(string email)
    {
        var (id, number) = await AcmeAgreementAsync();
        using var client = await SignedInAsync(email);

        using var pdf = await client.GetAsync($"/agreements/{id}/pdf");
        using var page = await client.GetAsync($"/agreements/{id}");

        Assert.Equal(HttpStatusCode.NotFound, pdf.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain(number, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pdf_ForAnonymousVisitor_RedirectsToSignIn()
    {
        var (id, _) = await AcmeAgreementAsync();
        using var client = new PortalClient(portal.BaseAddress);

        using var response = await client.GetAsync($"/agreements/{id}/pdf");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pdf_UnknownId_IsNotFoundEvenForLegal()
    {
        using var client = await SignedInAsync("legal@trustportal.local");

        using var response = await client.GetAsync($"/agreements/{Guid.NewGuid()}/pdf");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Page_ForOwningOrganization_ShowsNumberPartiesAndDownload()
    {
        var (id, number) = await AcmeAgreementAsync();
        using var client = await SignedInAsync(DpaTestData.AcmeEmail);

        var page = await client.GetDocumentAsync($"/agreements/{id}");

        Assert.Equal(number, page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Acme Corporation", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"a[href='/agreements/{id}/pdf'][download]"));
    }

    private async Task<PortalClient> SignedInAsync(string email)
    {
        var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync(email, PortalFactory.DemoPassword);
        return client;
    }

    private async Task<(Guid Id, string Number)> AcmeAgreementAsync()
    {
        _ = portal.BaseAddress;
        await using var db = portal.CreateDbContext();
        var agreement = await db.Agreements.Where(a => a.Organization!.Name == "Acme Corporation").OrderBy(a => a.Sequence).FirstAsync();
        return (agreement.Id, agreement.Number);
    }
}
