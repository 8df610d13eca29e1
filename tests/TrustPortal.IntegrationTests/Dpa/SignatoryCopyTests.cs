using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Dpa;

namespace TrustPortal.IntegrationTests.Dpa;

/// <summary>The portal on a clock the test moves, with room for many downloads from one address.</summary>
public sealed class SignatoryCopyPortal : PortalFactory
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected override TimeProvider? Clock => Time;

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["RateLimiting:SignatoryDownloadsPerMinute"] = "100000",
    };
}

/// <summary>
/// A signatory who signed from an emailed link downloads what they signed from the completion page and from the link in
/// their confirmation email; the link downloads that one agreement, only in the browser that used it first, until it expires.
/// </summary>
public sealed partial class SignatoryCopyTests(SignatoryCopyPortal portal) : IClassFixture<SignatoryCopyPortal>
{
    [Fact]
    public async Task SignThroughTheLink_CompletionPageAndEmailedLink_DownloadTheSealedPdfAndAreAudited()
    {
        using var signatory = new PortalClient(portal.BaseAddress);
        var signed = await ForwardAndSignAsync(signatory, "hana@globex.example", "Hana Head");

        Assert.Equal(signed.CopyPath, signed.PageCopyPath);
        Assert.Contains("works for 14 days", signed.Email, StringComparison.Ordinal);
        var expires = await CopyExpiryAsync(signed.Number);
        Assert.Equal(portal.Time.GetUtcNow().UtcDateTime.AddDays(14), expires, TimeSpan.FromMinutes(1));
        Assert.Contains($"until {expires:yyyy-MM-dd HH:mm} UTC", signed.Email, StringComparison.Ordinal);

        using (var first = await signatory.GetAsync(signed.PageCopyPath))
        {
            await AssertIsSealedPdfAsync(first, signed.Number);
            var cookie = Assert.Single(first.Headers.GetValues("Set-Cookie"), c => c.StartsWith(SignatoryCopies.CookieName + "=", StringComparison.Ordinal));
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains($"path={signed.CopyPath}", cookie, StringComparison.OrdinalIgnoreCase);
        }
        using (var again = await signatory.GetAsync(signed.CopyPath))
        {
            await AssertIsSealedPdfAsync(again, signed.Number);
        }

        await using var db = portal.CreateDbContext();
        var agreementId = (await db.Agreements.SingleAsync(a => a.Number == signed.Number)).Id.ToString();
        var downloads = await db.AuditEvents.Where(e => e.Action == SignatoryCopies.DownloadedAction && e.EntityId == agreementId).ToListAsync();
        Assert.Equal(2, downloads.Count);
        Assert.All(downloads, e =>
        {
            Assert.Contains(signed.Number, e.Data, StringComparison.Ordinal);
            Assert.Equal("hana@globex.example", e.ActorName);
        });
    }

    [Fact]
    public async Task UsedLink_ForAnotherSignedInCustomerOrganizationMemberOrAnonymous_IsNotFound()
    {
        using var signatory = new PortalClient(portal.BaseAddress);
        var signed = await ForwardAndSignAsync(signatory, "ivan@globex.example", "Ivan Ideal");
        using (var first = await signatory.GetAsync(signed.CopyPath))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }
        var before = await DownloadEventsAsync();

        using var acme = new PortalClient(portal.BaseAddress);
        await acme.SignInAsync(DpaTestData.AcmeEmail, PortalFactory.DemoPassword);
        // Even the organization that prepared it: its members have the portal, not the signatory's link.
        using var globex = new PortalClient(portal.BaseAddress);
        await globex.SignInAsync(DpaTestData.GlobexEmail, PortalFactory.DemoPassword);
        using var anonymous = new PortalClient(portal.BaseAddress, IPAddress.Parse("127.0.0.2"));
        foreach (var other in new[] { acme, globex, anonymous })
        {
            using var response = await other.GetAsync(signed.CopyPath);
            await AssertNotFoundAsync(response);
        }
        Assert.Equal(before, await DownloadEventsAsync());
    }

    [Fact]
    public async Task Link_DownloadsOnlyItsOwnAgreement_AndAnotherLinksCookieDoesNotOpenIt()
    {
        using var first = new PortalClient(portal.BaseAddress);
        var one = await ForwardAndSignAsync(first, "jane@globex.example", "Jane Junior");
        using var second = new PortalClient(portal.BaseAddress);
        var two = await ForwardAndSignAsync(second, "karl@globex.example", "Karl King");
        Assert.NotEqual(one.Number, two.Number);

        using var oneResponse = await first.GetAsync(one.CopyPath);
        var onePdf = await AssertIsSealedPdfAsync(oneResponse, one.Number);
        Assert.DoesNotContain(two.Number, PdfTools.Text(onePdf), StringComparison.Ordinal);
        using var twoResponse = await second.GetAsync(two.CopyPath);
        await AssertIsSealedPdfAsync(twoResponse, two.Number);
        var twoSecret = CookieValue(twoResponse);

        // Link one's own browser cannot open link two, and link two's secret sent by hand to link one opens nothing.
        using (var crossed = await first.GetAsync(two.CopyPath))
        {
            await AssertNotFoundAsync(crossed);
        }
        using var forged = new HttpRequestMessage(HttpMethod.Get, one.CopyPath);
        forged.Headers.Add("Cookie", $"{SignatoryCopies.CookieName}={twoSecret}");
        using var anonymous = new PortalClient(portal.BaseAddress, IPAddress.Parse("127.0.0.3"));
        using var forgedResponse = await anonymous.SendAsync(forged);
        await AssertNotFoundAsync(forgedResponse);
    }

    [Theory]
    [InlineData("/dpa/copy/not-a-token")]
    [InlineData("/dpa/copy/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/dpa/copy/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/dpa/copy/%27%20OR%201=1--AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/dpa/copy/")]
    public async Task UnknownOrGarbledToken_IsNotFound(string path)
    {
        using var client = new PortalClient(portal.BaseAddress);

        using var response = await client.GetAsync(path);

        await AssertNotFoundAsync(response);
    }

    [Fact]
    public async Task RealTokenWithOneCharacterChanged_IsNotFound_AndTheRealLinkStillBindsOnFirstUse()
    {
        using var client = new PortalClient(portal.BaseAddress);
        var signed = await ForwardAndSignAsync(client, "lena@globex.example", "Lena Long");
        var token = signed.CopyPath[(SignatoryCopies.PathPrefix.Length + 1)..];
        var altered = SignatoryCopies.PathFor((token[0] == 'A' ? 'B' : 'A') + token[1..]);

        using (var wrong = await client.GetAsync(altered))
        {
            await AssertNotFoundAsync(wrong);
        }
        using var right = await client.GetAsync(signed.CopyPath);
        await AssertIsSealedPdfAsync(right, signed.Number);
    }

    [Fact]
    public async Task Link_AfterItsDays_IsNotFoundForEveryoneIncludingTheBrowserThatHoldsIt()
    {
        using var holder = new PortalClient(portal.BaseAddress);
        var used = await ForwardAndSignAsync(holder, "mira@globex.example", "Mira Moss");
        using (var first = await holder.GetAsync(used.CopyPath))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }
        using var other = new PortalClient(portal.BaseAddress);
        var unused = await ForwardAndSignAsync(other, "nils@globex.example", "Nils Noon");

        portal.Time.Advance(TimeSpan.FromDays(13));
        using (var stillValid = await holder.GetAsync(used.CopyPath))
        {
            Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
        }
        portal.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));

        using (var expired = await holder.GetAsync(used.CopyPath))
        {
            await AssertNotFoundAsync(expired);
        }
        using var expiredUnused = await other.GetAsync(unused.CopyPath);
        await AssertNotFoundAsync(expiredUnused);
    }

    private sealed record Signed(string Number, string CopyPath, string PageCopyPath, string Email);

    /// <summary>Globex forwards a DPA; the signatory signs it through the emailed link with <paramref name="client"/>.</summary>
    private async Task<Signed> ForwardAndSignAsync(PortalClient client, string signatoryEmail, string signatoryName)
    {
        var signLink = await SigningLinkSteps.ForwardAsync(portal, signatoryEmail, signatoryName);
        await SigningLinkSteps.ConfirmAddressAsync(client, signLink, SigningLinkSteps.FromOutbox(portal, signatoryEmail));
        var page = await SigningLinkSteps.SignAsync(client, signLink, signatoryName);
        var number = Regex.Match(page.Body!.TextContent, @"DPA-\d{4}-\d{6}").Value;
        Assert.NotEmpty(number);
        var button = page.QuerySelectorAll("a").Single(a => a.TextContent.Contains("Download the sealed PDF", StringComparison.Ordinal));

        await using var check = portal.CreateDbContext();
        var confirmation = await check.OutboxMessages.SingleAsync(m => m.To == signatoryEmail && m.Subject.Contains(number));
        var copyLink = new Uri(CopyLink().Match(confirmation.TextBody).Value).AbsolutePath;
        return new Signed(number, copyLink, button.GetAttribute("href")!, confirmation.TextBody);
    }

    private async Task<DateTime> CopyExpiryAsync(string number)
    {
        await using var db = portal.CreateDbContext();
        var agreement = await db.Agreements.SingleAsync(a => a.Number == number);
        return (await db.SignatureRequests.SingleAsync(r => r.AgreementId == agreement.Id)).CopyExpiresAtUtc!.Value;
    }

    private async Task<int> DownloadEventsAsync()
    {
        await using var db = portal.CreateDbContext();
        return await db.AuditEvents.CountAsync(e => e.Action == SignatoryCopies.DownloadedAction);
    }

    private static async Task<byte[]> AssertIsSealedPdfAsync(HttpResponseMessage response, string number)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"{number}.pdf", response.Content.Headers.ContentDisposition.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        Assert.True(response.Headers.CacheControl!.NoStore);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.True(PdfTools.IsValidlySealed(pdf), PdfTools.Pdfsig(pdf));
        Assert.Contains(number, PdfTools.Text(pdf), StringComparison.Ordinal);
        return pdf;
    }

    private static async Task AssertNotFoundAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies)
            && cookies.Any(c => c.StartsWith(SignatoryCopies.CookieName, StringComparison.Ordinal)));
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("expired", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("DPA-", body, StringComparison.Ordinal);
    }

    private static string CookieValue(HttpResponseMessage response)
    {
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SignatoryCopies.CookieName + "=", StringComparison.Ordinal));
        return cookie[(SignatoryCopies.CookieName.Length + 1)..cookie.IndexOf(';', StringComparison.Ordinal)];
    }

    [GeneratedRegex(@"https?://\S+/dpa/copy/\S+")]
    private static partial Regex CopyLink();
}
