using System.Net;
using TrustPortal.Testing;

namespace TrustPortal.IntegrationTests.TrustCenter;

/// <summary>
/// Pages answer HEAD as they answer GET, without a body: an uptime monitor or link checker asking for the trust center
/// gets 200, a missing page still 404, and a page behind sign-in still the sign-in redirect. A HEAD answer is never what
/// the output cache serves a later GET.
/// </summary>
public sealed class HeadRequestTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/subprocessors")]
    [InlineData("/faq")]
    [InlineData("/documents")]
    [InlineData("/verify")]
    public async Task PublicPage_Head_Is200WithHtmlAndNoBody_AndTheNextGetHasThePage(string url)
    {
        using var client = new PortalClient(portal.BaseAddress);

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("text/html", head.Content.Headers.ContentType!.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        using var get = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var html = await get.Content.ReadAsStringAsync();
        Assert.Contains("<title>", html, StringComparison.Ordinal);
        Assert.Contains("</html>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingPage_Head_Is404()
    {
        using var client = new PortalClient(portal.BaseAddress);

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/no-such-page"));

        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
    }

    [Fact]
    public async Task StaffPage_Head_Anonymous_RedirectsToSignIn()
    {
        using var client = new PortalClient(portal.BaseAddress);

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/legal/agreements"));

        Assert.Equal(HttpStatusCode.Redirect, head.StatusCode);
        Assert.Contains("/Account/Login", head.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
    }
}
