using TrustPortal.Testing;

namespace TrustPortal.IntegrationTests.TrustCenter;

public sealed class SocialMetaTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/", "Overview")]
    [InlineData("/commitments", "Data-privacy commitments")]
    [InlineData("/compliance", "Compliance")]
    [InlineData("/subprocessors", "Subprocessors")]
    public async Task PublicPage_HasDescriptionAndOpenGraphTags(string url, string page)
    {
        using var client = new PortalClient(portal.BaseAddress);

        var document = await client.GetDocumentAsync(url);

        Assert.StartsWith(page, document.QuerySelector("meta[property='og:title']")!.GetAttribute("content"), StringComparison.Ordinal);
        var description = document.QuerySelector("meta[name='description']")!.GetAttribute("content");
        Assert.Contains("Meridian AI", description, StringComparison.Ordinal);
        Assert.Equal(description, document.QuerySelector("meta[property='og:description']")!.GetAttribute("content"));
        Assert.EndsWith(url, document.QuerySelector("meta[property='og:url']")!.GetAttribute("content"), StringComparison.Ordinal);
    }
}
