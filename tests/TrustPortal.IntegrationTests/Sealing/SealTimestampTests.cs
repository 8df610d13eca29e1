using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.IntegrationTests.Dpa;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Dpa;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Infrastructure.Timestamps;

namespace TrustPortal.IntegrationTests.Sealing;

/// <summary>
/// Every seal carries an RFC 3161 time-stamp from a real authority (BouncyCastle's TSP behind Kestrel): the token sits in
/// the CMS SignerInfo as id-aa-signatureTimeStampToken over the signature value; the next authority is asked when one
/// fails; with none answering the execution fails closed.
/// </summary>
public sealed class SealTimestampTests(TimestampedPortal portal) : IClassFixture<TimestampedPortal>
{
    private const string TokenOid = "1.2.840.113549.1.9.16.2.14";

    [Fact]
    public async Task Execute_WithAnAuthority_SealHoldsAVerifiedTokenOverTheSignatureValue()
    {
        var (primary, secondary) = Hits();
        var before = DateTime.UtcNow;

        var result = await ExecuteAsync();

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.ErrorMessage)));
        var pdf = await PdfAsync(result.AgreementId!.Value);
        var token = AssertTimestamped(pdf);
        Assert.InRange(token.TokenInfo.Timestamp.UtcDateTime, before.AddSeconds(-5), DateTime.UtcNow.AddSeconds(5));
        Assert.True(PdfTools.IsValidlySealed(pdf), PdfTools.Pdfsig(pdf));
        // The first authority answered (a draft that had to be redone asks again); the second was never needed.
        Assert.True(Hits().Primary > primary);
        Assert.Equal(secondary, Hits().Secondary);
    }

    [Fact]
    public async Task Execute_WhenTheFirstAuthorityAnswers500_TheSecondTimestampsTheSeal()
    {
        var (primary, secondary) = Hits();
        portal.Authority.Fail("primary");
        try
        {
            var result = await ExecuteAsync();

            Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.ErrorMessage)));
            var pdf = await PdfAsync(result.AgreementId!.Value);
            AssertTimestamped(pdf);
            Assert.True(PdfTools.IsValidlySealed(pdf), PdfTools.Pdfsig(pdf));
            // Per seal, the first authority was tried and retried once (Agreements:Seal:TimestampRetries = 1) before the second answered.
            var (primaryNow, secondaryNow) = Hits();
            Assert.True(secondaryNow > secondary);
            Assert.Equal(2 * (secondaryNow - secondary), primaryNow - primary);
        }
        finally
        {
            portal.Authority.Restore("primary");
        }
    }

    [Fact]
    public async Task Execute_WhenEveryAuthorityFails_IsRefusedWithNothingStoredAndNoNumberUsed()
    {
        var warmup = await ExecuteAsync();
        Assert.True(warmup.Succeeded);
        var counts = await CountsAsync();
        var counter = await CounterAsync();
        portal.Authority.Fail("primary");
        portal.Authority.Fail("secondary", 503);
        ExecutionResult refused;
        try
        {
            refused = await ExecuteAsync();
        }
        finally
        {
            portal.Authority.Restore("primary");
            portal.Authority.Restore("secondary");
        }

        Assert.False(refused.Succeeded);
        Assert.Null(refused.AgreementId);
        Assert.Equal(TimestampAuthorities.Unavailable, Assert.Single(refused.Errors).ErrorMessage);
        Assert.Equal(counts, await CountsAsync());
        Assert.Equal(counter, await CounterAsync());
        // The next execution takes the very next number: the refused one used none.
        var next = await ExecuteAsync();
        Assert.True(next.Succeeded);
        Assert.Equal(Sequence(warmup.Number!) + 1, Sequence(next.Number!));
    }

    [Fact]
    public async Task StatusPageVerifyApiAndAgreementPage_ShowTheTimestampsTimeAndAuthority()
    {
        var result = await ExecuteAsync();
        Assert.True(result.Succeeded);
        var pdf = await PdfAsync(result.AgreementId!.Value);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf));
        var token = AssertTimestamped(pdf);
        var stampedAt = token.TokenInfo.Timestamp.UtcDateTime;

        using var anonymous = new PortalClient(portal.BaseAddress);
        var status = await anonymous.GetDocumentAsync($"/verify/{sha256}");
        Assert.Contains(TestTimestampAuthority.Subject, Fact(status, "timestamp-authority"), StringComparison.Ordinal);
        Assert.Equal(stampedAt.ToString("O"), status.QuerySelector("[data-fact='timestamp-time'] time")!.GetAttribute("datetime"));

        using var http = new HttpClient { BaseAddress = portal.BaseAddress };
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(pdf);
        part.Headers.ContentType = new("application/pdf");
        content.Add(part, "file", "agreement.pdf");
        using var response = await http.PostAsync("/api/verify", content);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(answer.GetProperty("authentic").GetBoolean());
        Assert.Equal(TestTimestampAuthority.Subject, answer.GetProperty("timestampAuthority").GetString());
        Assert.Equal(stampedAt, answer.GetProperty("timestampUtc").GetDateTime().ToUniversalTime(), TimeSpan.FromMilliseconds(1));

        using var customer = new PortalClient(portal.BaseAddress);
        await customer.SignInAsync(DpaTestData.GlobexEmail, PortalFactory.DemoPassword);
        var page = await customer.GetDocumentAsync($"/agreements/{result.AgreementId}");
        Assert.Contains(TestTimestampAuthority.Subject, Fact(page, "timestamp-authority"), StringComparison.Ordinal);
    }

    /// <summary>The token in the seal, checked the way a relying party would, independently of the portal's verifier.</summary>
    private Rfc3161TimestampToken AssertTimestamped(byte[] pdf)
    {
        var signer = PdfSignature.Read(pdf).SignerInfos[0];
        var attribute = Assert.Single(signer.UnsignedAttributes.Cast<CryptographicAttributeObject>(), a => a.Oid.Value == TokenOid);
        Assert.True(Rfc3161TimestampToken.TryDecode(Assert.Single(attribute.Values.Cast<AsnEncodedData>()).RawData, out var token, out _));
        Assert.Equal("2.16.840.1.101.3.4.2.1", token!.TokenInfo.HashAlgorithmId.Value);
        Assert.Equal(SHA256.HashData(signer.GetSignature()), token.TokenInfo.GetMessageHash().ToArray());
        Assert.True(token.VerifySignatureForSignerInfo(signer, out var authority));
        Assert.Equal(portal.Authority.Certificate.Thumbprint, authority!.Thumbprint);
        return token;
    }

    private (int Primary, int Secondary) Hits() => (portal.Authority.Hits("primary"), portal.Authority.Hits("secondary"));

    private async Task<ExecutionResult> ExecuteAsync()
    {
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(DpaTestData.GlobexEmail));
        return await scope.ServiceProvider.GetRequiredService<DpaService>().ExecuteAsync(DpaTestData.GlobexDraft(), DpaTestData.Signature());
    }

    private async Task<byte[]> PdfAsync(Guid agreementId)
    {
        await using var db = portal.CreateDbContext();
        return await db.AgreementDocuments.Where(d => d.AgreementId == agreementId).Select(d => d.Content).SingleAsync();
    }

    private async Task<(int Agreements, int Documents, int Audit, int Outbox)> CountsAsync()
    {
        await using var db = portal.CreateDbContext();
        return (await db.Agreements.CountAsync(), await db.AgreementDocuments.CountAsync(), await db.AuditEvents.CountAsync(), await db.OutboxMessages.CountAsync());
    }

    private async Task<long?> CounterAsync()
    {
        var name = DatabaseCounters.AgreementNumber("Dpa", DateTime.UtcNow.Year);
        await using var db = portal.CreateDbContext();
        return await db.Counters.Where(c => c.Name == name).Select(c => (long?)c.Value).SingleOrDefaultAsync();
    }

    private static int Sequence(string number) => int.Parse(number[^6..], System.Globalization.CultureInfo.InvariantCulture);

    private static string Fact(AngleSharp.Html.Dom.IHtmlDocument page, string name) =>
        page.QuerySelector($"[data-fact='{name}']")?.TextContent.Trim() ?? throw new InvalidOperationException($"No fact '{name}' on the page.");
}
