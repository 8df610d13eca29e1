using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Tests.Infrastructure;

/// <summary>Without a configured public URL (Development only), links use the address the server listens on.</summary>
public sealed class PublicUrlsTests
{
    [Theory]
    [InlineData("http://localhost:5301", "http://localhost:5301")]
    [InlineData("http://127.0.0.1:41059", "http://127.0.0.1:41059")]
    [InlineData("http://+:5080", "http://localhost:5080")]
    [InlineData("http://0.0.0.0:8080", "http://localhost:8080")]
    [InlineData("http://[::]:80", "http://localhost")]
    [InlineData("https://portal.example:443", "https://portal.example")]
    public void OneAddress_IsTheBase(string listening, string expected) =>
        Assert.Equal(expected, PublicUrls.ListeningBase([listening]));

    [Fact]
    public void SeveralAddresses_PreferHttps() =>
        Assert.Equal("https://localhost:7001", PublicUrls.ListeningBase(["http://localhost:5000", "https://localhost:7001"]));

    [Fact]
    public void NoAddress_HasNoBase() => Assert.Null(PublicUrls.ListeningBase(["not an address"]));
}
