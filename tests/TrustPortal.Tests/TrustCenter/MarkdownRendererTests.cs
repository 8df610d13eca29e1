using TrustPortal.Web.Features.TrustCenter;

namespace TrustPortal.Tests.TrustCenter;

public sealed class MarkdownRendererTests
{
    [Fact]
    public void ToHtml_RendersListsAndEmphasis()
    {
        var html = MarkdownRenderer.ToHtml("- **No training** without consent\n- plain answers").Value;

        Assert.Contains("<li><strong>No training</strong> without consent</li>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "<script")]
    [InlineData("<img src=x onerror=alert(1)>", "<img")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>", "<iframe")]
    public void ToHtml_EscapesRawHtml(string markdown, string forbidden)
    {
        var html = MarkdownRenderer.ToHtml(markdown).Value;

        Assert.DoesNotContain(forbidden, html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt:alert(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[click](//evil.example/path)")]
    public void ToHtml_NeutralisesDangerousLinks(string markdown)
    {
        var html = MarkdownRenderer.ToHtml(markdown).Value;

        Assert.Contains("href=\"#\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("<JAVASCRIPT:alert(1)>")]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("![x](data:image/svg+xml;base64,PHN2Zz4=)")]
    public void ToHtml_NeutralisesDangerousAutolinksAndImages(string markdown)
    {
        var html = MarkdownRenderer.ToHtml(markdown).Value;

        Assert.Matches("(href|src)=\"#\"", html);
        Assert.DoesNotMatch("(href|src)=\"[^#]", html);
    }

    [Theory]
    [InlineData("[docs](https://meridian.example/docs)", "https://meridian.example/docs")]
    [InlineData("[write](mailto:privacy@meridian.example)", "mailto:privacy@meridian.example")]
    [InlineData("[section](/commitments#fine-tuning)", "/commitments#fine-tuning")]
    public void ToHtml_KeepsSafeLinks(string markdown, string href)
    {
        Assert.Contains($"href=\"{href}\"", MarkdownRenderer.ToHtml(markdown).Value, StringComparison.Ordinal);
    }
}
