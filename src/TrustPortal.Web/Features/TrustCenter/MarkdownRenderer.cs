using Markdig;
using Markdig.Syntax;
using Microsoft.AspNetCore.Components;

namespace TrustPortal.Web.Features.TrustCenter;

/// <summary>Markdown to HTML for trust-center content. Raw HTML in the source is escaped, never passed through.</summary>
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UsePipeTables()
        .Build();

    public static MarkupString ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        // Links may only point to web or mail addresses: no javascript: or data: URLs.
        foreach (var link in document.Descendants<Markdig.Syntax.Inlines.LinkInline>())
        {
            if (link.Url is { } url && !IsSafeUrl(url))
            {
                link.Url = "#";
            }
        }
        return new MarkupString(document.ToHtml(Pipeline));
    }

    internal static bool IsSafeUrl(string url)
    {
        var trimmed = url.Trim();
        if (trimmed.StartsWith('/') || trimmed.StartsWith('#'))
        {
            return !trimmed.StartsWith("//", StringComparison.Ordinal);
        }
        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeMailto);
    }
}
