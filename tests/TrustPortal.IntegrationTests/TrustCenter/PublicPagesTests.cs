using System.Net;
using System.Text.Json;
using TrustPortal.Testing;

namespace TrustPortal.IntegrationTests.TrustCenter;

public sealed class PublicPagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/", "Nothing your applications send to the Meridian API is used to train our models unless you opt in.")]
    [InlineData("/commitments", "1 March 2023")]
    [InlineData("/commitments", "delete your training files and your fine-tuned models at any moment")]
    [InlineData("/compliance", "SOC 2 Type 2")]
    [InlineData("/subprocessors", "Stratus Cloud Services")]
    public async Task PublicPage_Anonymous_AnswersWithItsContent(string path, string expected)
    {
        using var client = new PortalClient(portal.BaseAddress);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await PortalClient.ParseAsync(response);
        Assert.Contains(expected, document.Body!.TextContent.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commitments_RendersMarkdownAsHtmlAndShowsTheVersion()
    {
        using var client = new PortalClient(portal.BaseAddress);

        var document = await client.GetDocumentAsync("/commitments");

        Assert.NotNull(document.QuerySelector("section#fine-tuning li"));
        Assert.Contains("Version 1", document.QuerySelector(".version-line")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Data-privacy commitments", document.QuerySelector("h1")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("SOC 2 Type 2", "/soc2")]
    [InlineData("GDPR", "/dpa/new")]
    [InlineData("CCPA", "/dpa/new")]
    [InlineData("HIPAA", "/baa/new")]
    public async Task Compliance_EachHowToGetIt_LinksToItsAction_ThroughSignInForVisitors(string framework, string href)
    {
        using var client = new PortalClient(portal.BaseAddress);

        var document = await client.GetDocumentAsync("/compliance");

        var link = document.QuerySelector($"a[data-action='{framework}']");
        Assert.NotNull(link);
        Assert.Equal(href, link.GetAttribute("href"));
        using var followed = await client.GetAsync(href);
        Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
        Assert.Contains("/Account/Login", followed.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_ReportsTheDatabaseHealthy()
    {
        using var client = new PortalClient(portal.BaseAddress);

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetString());
    }

    [Theory]
    [InlineData("/portal")]
    [InlineData("/portal/setup")]
    [InlineData("/legal/audit")]
    [InlineData("/Account/Manage")]
    public async Task WorkArea_Anonymous_IsSentToSignIn(string path)
    {
        using var client = new PortalClient(portal.BaseAddress);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString(path), response.Headers.Location!.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownAddress_Anonymous_GetsThePageNotFound()
    {
        using var client = new PortalClient(portal.BaseAddress);

        using var response = await client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", (await PortalClient.ParseAsync(response)).QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task AuditTrail_Customer_IsForbidden()
    {
        using var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync("customer@acme.example", PortalFactory.DemoPassword);

        using var response = await client.GetAsync("/legal/audit");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicPages_SendSecurityHeaders()
    {
        using var client = new PortalClient(portal.BaseAddress);

        using var response = await client.GetAsync("/");

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}
