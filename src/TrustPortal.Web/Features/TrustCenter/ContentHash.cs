using System.Security.Cryptography;
using System.Text;

namespace TrustPortal.Web.Features.TrustCenter;

/// <summary>The canonical hash of a commitments version: what an agreement can later prove it was signed against.</summary>
public static class ContentHash
{
    public static string Compute(IEnumerable<ContentSection> sections)
    {
        var canonical = new StringBuilder();
        foreach (var s in sections.OrderBy(s => s.Order))
        {
            canonical.Append(s.Slug).Append('\u001f').Append(s.Title).Append('\u001f')
                .Append(s.Summary).Append('\u001f').Append(s.BodyMarkdown.ReplaceLineEndings("\n")).Append('\u001e');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }
}
