using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
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
        // Links and images may only point to web or mail addresses: no javascript: or data: URLs,
        // whether written as [text](url), ![alt](url) or <scheme:autolink>.
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (link.Url is { } url && !IsSafeUrl(url))
            {
                link.Url = "#";
            }
        }
        foreach (var autolink in document.Descendants<AutolinkInline>())
        {
            if (!autolink.IsEmail && !IsSafeUrl(autolink.Url))
            {
                autolink.Url = "#";
            }
        }
        return new MarkupString(document.ToHtml(Pipeline));
    }

    /// <summary>
    /// The text a reader sees, without Markdown markup: emphasis markers, link targets and heading hashes dropped,
    /// one line per paragraph or list item. Used where the rendered words matter but HTML does not (diffs).
    /// </summary>
    public static string ToPlainText(string? markdown)
    {
        if (string.IsNullOrEmpty(markdown))
        {
            return "";
        }
        var text = Markdown.ToPlainText(markdown, Pipeline);
        return text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
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
