using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Documents;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Dpa;

namespace TrustPortal.IntegrationTests.Dpa;

/// <summary>POST /api/verify: authentic only when the seal holds and the exact file was issued here.</summary>
public sealed class VerifyApiTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Verify_AnIssuedPdf_IsAuthenticWithItsNumberKindDateAndParties()
    {
        var (pdf, number) = await AcmePdfAsync();

        var (status, answer) = await VerifyAsync(pdf);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(answer.GetProperty("authentic").GetBoolean());
        Assert.Equal(number, answer.GetProperty("agreementNumber").GetString());
        Assert.Equal("DPA", answer.GetProperty("kind").GetString());
        Assert.True(answer.GetProperty("executedAtUtc").GetDateTime() > DateTime.UtcNow.AddDays(-1));
        var parties = answer.GetProperty("parties").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains("Acme Corporation", parties);
        Assert.Contains("Meridian AI, Inc.", parties);
    }

    [Fact]
    public async Task Verify_OneChangedByte_IsNotAuthentic()
    {
        var (pdf, _) = await AcmePdfAsync();
        var index = Array.IndexOf(pdf, (byte)'A', pdf.Length / 3);
        pdf[index] = (byte)'B';

        var (status, answer) = await VerifyAsync(pdf);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(answer.GetProperty("authentic").GetBoolean());
        Assert.False(string.IsNullOrWhiteSpace(answer.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Verify_BytesAppended_IsNotAuthentic()
    {
        var (pdf, _) = await AcmePdfAsync();

        var (_, answer) = await VerifyAsync([.. pdf, .. "\n%%EOF\n"u8.ToArray()]);

        Assert.False(answer.GetProperty("authentic").GetBoolean());
    }

    [Fact]
    public async Task Verify_ValidSealButNeverIssued_IsNotAuthentic()
    {
        _ = portal.BaseAddress;
        await using var scope = portal.Services.CreateAsyncScope();
        var seal = scope.ServiceProvider.GetRequiredService<SealCertificate>();
        var preview = await scope.ServiceProvider.GetRequiredService<DpaService>().PreviewAsync(DpaTestData.GlobexDraft());
        var forged = AgreementRenderer.RenderAndSeal(preview! with
        {
            Signatures = [new SignatureBlock("Customer", "Globex", "Gale", "Gale", "CEO", "today")],
        }, seal.Certificate, new SealDetails("test", "here", "x@example.com"));
        Assert.True(PdfTools.IsValidlySealed(forged));

        var (_, answer) = await VerifyAsync(forged);

        Assert.False(answer.GetProperty("authentic").GetBoolean());
        Assert.Contains("did not issue", answer.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_NotAPdf_IsRefusedAsUnsupported()
    {
        var (status, answer) = await VerifyAsync("<html><script>alert(1)</script></html>"u8.ToArray(), "evil.pdf");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.False(answer.GetProperty("authentic").GetBoolean());
    }

    [Fact]
    public async Task Verify_TooLarge_IsRefused()
    {
        var huge = new byte[(10 * 1024 * 1024) + (512 * 1024)];
        "%PDF-1.7\n"u8.CopyTo(huge);

        var (status, _) = await VerifyAsync(huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [Fact]
    public async Task Verify_WithoutTheFileField_IsABadRequestWithAReason()
    {
        using var http = new HttpClient { BaseAddress = portal.BaseAddress };
        using var content = new MultipartFormDataContent { { new StringContent("x"), "other" } };

        using var response = await http.PostAsync("/api/verify", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("file", answer.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_JsonInsteadOfMultipart_IsABadRequest()
    {
        using var http = new HttpClient { BaseAddress = portal.BaseAddress };

        using var response = await http.PostAsJsonAsync("/api/verify", new { file = "JVBERi0=" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<(HttpStatusCode Status, JsonElement Answer)> VerifyAsync(byte[] file, string name = "agreement.pdf")
    {
        using var http = new HttpClient { BaseAddress = portal.BaseAddress };
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new("application/pdf");
        content.Add(part, "file", name);
        using var response = await http.PostAsync("/api/verify", content);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private async Task<(byte[] Pdf, string Number)> AcmePdfAsync()
    {
        _ = portal.BaseAddress;
        await using var db = portal.CreateDbContext();
        var found = await db.Agreements.Where(a => a.Organization!.Name == "Acme Corporation")
            .Join(db.AgreementDocuments, a => a.Id, d => d.AgreementId, (a, d) => new { d.Content, a.Number })
            .FirstAsync();
        return (found.Content, found.Number);
    }
}
