using TrustPortal.Web.Security;

namespace TrustPortal.Tests.Security;

public sealed class LocalUrlTests
{
    private static readonly Uri Site = new("https://portal.example/");

    [Theory]
    [InlineData("/portal", "/portal")]
    [InlineData("/commitments/history?from=1&to=2#changes", "/commitments/history?from=1&to=2#changes")]
    [InlineData("~/portal", "/portal")]
    [InlineData("Account/Login", "/Account/Login")]
    [InlineData("https://portal.example/legal/audit?actor=a", "/legal/audit?actor=a")]
    [InlineData("HTTPS://PORTAL.EXAMPLE/portal", "/portal")]
    [InlineData("/legal/agreements?q=acme corp", "/legal/agreements?q=acme%20corp")]
    [InlineData("/é🚀", "/%C3%A9%F0%9F%9A%80")]
    [InlineData("/evil.example", "/evil.example")]
    public void TryResolve_APathOnThisSite_IsKeptAsALocalAsciiPath(string url, string expected) =>
        Assert.Equal(expected, LocalUrl.TryResolve(url, Site));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://evil.example/")]
    [InlineData("http://portal.example/portal")]
    [InlineData("https://portal.example.evil.example/")]
    [InlineData("https://portal.example@evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("///evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("~//evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("\t//evil.example")]
    [InlineData("/portal\r\nSet-Cookie: x=1")]
    [InlineData("/\0")]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,hi")]
    [InlineData("https://portal.example//evil.example/")]
    public void TryResolve_AnotherSiteOrAnUnusableValue_IsRefused(string? url) =>
        Assert.Null(LocalUrl.TryResolve(url, Site));

    [Fact]
    public void TryResolve_AnAbsoluteUrl_WithoutKnowingTheSite_IsRefused() =>
        Assert.Null(LocalUrl.TryResolve("https://portal.example/portal"));

    [Fact]
    public void TryResolve_AnOverLongValue_IsRefused() =>
        Assert.Null(LocalUrl.TryResolve("/" + new string('a', LocalUrl.MaxLength)));

    [Fact]
    public void OrHome_WhenRefused_IsTheHomePage() =>
        Assert.Equal(LocalUrl.Home, LocalUrl.OrHome("//evil.example/", Site));
}
