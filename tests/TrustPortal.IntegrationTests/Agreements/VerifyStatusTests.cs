using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Agreements.Library;

namespace TrustPortal.IntegrationTests.Agreements;

/// <summary>
/// Verify from paper: the sealed PDF prints a QR code and an address that lead to <c>/verify/{sha256}</c>, which shows
/// the stored agreement's status to anyone, with no upload and no sign-in.
/// </summary>
public sealed class VerifyStatusTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task StatusPage_ExecutedDpa_ShowsNumberKindStatusPartiesAndSealerToAnonymousVisitors()
    {
        var (id, number, sha256, _) = await ExecutedGlobexDpaAsync();
        using var client = new PortalClient(portal.BaseAddress);

        using var response = await client.GetAsync($"/verify/{sha256}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Equal(number, Fact(page, "number"));
        Assert.Contains("Data Processing Addendum", Fact(page, "kind"), StringComparison.Ordinal);
        Assert.Equal("Executed", Fact(page, "status"));
        Assert.Contains("Globex Incorporated", Fact(page, "parties"), StringComparison.Ordinal);
        Assert.Contains("Meridian AI, Inc.", Fact(page, "parties"), StringComparison.Ordinal);
        Assert.Equal(sha256, Fact(page, "sha256"));
        await using var db = portal.CreateDbContext();
        using (var scope = portal.Services.CreateScope())
        {
            var seal = scope.ServiceProvider.GetRequiredService<SealCertificate>().Certificate;
            Assert.Contains(Convert.ToHexString(seal.GetCertHash(HashAlgorithmName.SHA256)), Fact(page, "sealer"), StringComparison.Ordinal);
        }
        // Only what the paper already shows: never the signer, their email, the address or the answers.
        var html = page.DocumentElement.OuterHtml;
        Assert.DoesNotContain("gale@globex.example", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Gale Globex", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Cypress Creek", html, StringComparison.Ordinal);
        Assert.DoesNotContain(id.ToString(), html, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(page.QuerySelector("a[href='/verify']"));
    }

    [Fact]
    public async Task StatusPage_UpperCaseFingerprint_FindsTheSameAgreement()
    {
        var (_, number, sha256, _) = await ExecutedGlobexDpaAsync();
        using var client = new PortalClient(portal.BaseAddress);

        using var response = await client.GetAsync($"/verify/{sha256.ToUpperInvariant()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(number, Fact(await PortalClient.ParseAsync(response), "number"));
    }

    [Fact]
    public async Task StatusPage_VoidedDpa_SaysVoided()
    {
        var (id, number, sha256, _) = await ExecutedGlobexDpaAsync();
        await using (var scope = portal.ScopeAs(await portal.PrincipalForAsync(LibraryTestData.LegalEmail)))
        {
            var voided = await scope.ServiceProvider.GetRequiredService<AgreementLibrary>().VoidAsync(id, "Signed by someone without authority.");
            Assert.True(voided.Succeeded, voided.Error);
        }
        using var client = new PortalClient(portal.BaseAddress);

        using var response = await client.GetAsync($"/verify/{sha256}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Equal(number, Fact(page, "number"));
        Assert.Equal("Voided", Fact(page, "status"));
        Assert.Contains("voided", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        // The reason is Legal's note, not the public's.
        Assert.DoesNotContain("without authority", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusPage_SupersededDpa_SaysSuperseded()
    {
        var (_, _, earlier, _) = await ExecutedGlobexDpaAsync();
        await ExecutedGlobexDpaAsync();
        using var client = new PortalClient(portal.BaseAddress);

        using var response = await client.GetAsync($"/verify/{earlier}");

        Assert.Equal("Superseded", Fact(await PortalClient.ParseAsync(response), "status"));
    }

    [Fact]
    public async Task StatusPage_UnknownFingerprint_Is404SayingNoAgreementHasIt()
    {
        using var client = new PortalClient(portal.BaseAddress);

        using var response = await client.GetAsync($"/verify/{new string('a', 64)}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Equal("No agreement with this fingerprint", page.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task StatusPage_TamperedFile_IsUnknown()
    {
        var (_, _, _, pdf) = await ExecutedGlobexDpaAsync();
        var index = Array.IndexOf(pdf, (byte)'A', pdf.Length / 3);
        pdf[index] = (byte)'B';
        using var client = new PortalClient(portal.BaseAddress);

        using var response = await client.GetAsync($"/verify/{Convert.ToHexStringLower(SHA256.HashData(pdf))}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("not-a-hash")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg")]
    [InlineData("%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    public async Task StatusPage_MalformedFingerprint_Is400WithAClearMessage(string fingerprint)
    {
        using var client = new PortalClient(portal.BaseAddress);

        using var response = await client.GetAsync($"/verify/{fingerprint}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Equal("Not a fingerprint", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("64 characters", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("main script"));
    }

    [Fact]
    public async Task PrintedAddress_KnownAgreement_RedirectsToItsFingerprintPage()
    {
        var (id, _, sha256, _) = await ExecutedGlobexDpaAsync();
        using var client = new PortalClient(portal.BaseAddress);

        using var response = await client.GetAsync(VerifyPaths.ForAgreement(id));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith($"/verify/{sha256}", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrintedAddress_UnknownOrMalformedCode_Is404Or400()
    {
        using var client = new PortalClient(portal.BaseAddress);

        using var unknown = await client.GetAsync(VerifyPaths.ForAgreement(Guid.NewGuid()));
        using var malformed = await client.GetAsync("/verify/a/12345");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("No agreement with this code", (await PortalClient.ParseAsync(unknown)).QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task SealedPdf_CertificatePage_PrintsTheAddressAndAQrCodeThatLeadToThisAgreement()
    {
        var (id, number, sha256, pdf) = await ExecutedGlobexDpaAsync();
        var address = new Uri(portal.BaseAddress, VerifyPaths.ForAgreement(id)).ToString();

        Assert.True(PdfTools.IsValidlySealed(pdf), PdfTools.Pdfsig(pdf));
        var lastPage = PdfTools.PageCount(pdf);
        using (var document = UglyToad.PdfPig.PdfDocument.Open(pdf))
        {
            var certificate = document.GetPage(lastPage);
            Assert.Contains("Certificate of execution", certificate.Text, StringComparison.Ordinal);
            Assert.Contains(address, certificate.GetWords().Select(w => w.Text));
        }
        Assert.Equal(address, PdfRaster.ReadQrCode(pdf, lastPage));

        using var client = new PortalClient(portal.BaseAddress);
        using var scanned = await client.GetAsync(address);
        Assert.Equal(HttpStatusCode.Redirect, scanned.StatusCode);
        using var status = await client.GetAsync(scanned.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        var page = await PortalClient.ParseAsync(status);
        Assert.Equal(number, Fact(page, "number"));
        Assert.Equal(sha256, Fact(page, "sha256"));
    }

    [Fact]
    public async Task UploadPage_LinksToTheStatusPage()
    {
        using var client = new PortalClient(portal.BaseAddress);

        var page = await client.GetDocumentAsync("/verify");

        Assert.Contains("/verify/", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    private static string Fact(AngleSharp.Html.Dom.IHtmlDocument page, string name) =>
        page.QuerySelector($"[data-fact='{name}']")?.TextContent.Trim() ?? throw new InvalidOperationException($"No fact '{name}' on the page.");

    private async Task<(Guid Id, string Number, string Sha256, byte[] Pdf)> ExecutedGlobexDpaAsync()
    {
        var result = await LibraryTestData.ExecuteGlobexDpaAsync(portal);
        var id = result.AgreementId!.Value;
        await using var db = portal.CreateDbContext();
        var document = await db.AgreementDocuments.AsNoTracking().SingleAsync(d => d.AgreementId == id);
        return (id, result.Number!, document.Sha256, document.Content);
    }
}
