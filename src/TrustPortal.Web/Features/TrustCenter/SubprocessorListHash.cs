using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TrustPortal.Web.Features.TrustCenter;

/// <summary>The SHA-256 of a subprocessor list in canonical order: published versions and executed DPAs record the same value.</summary>
public static class SubprocessorListHash
{
    public static string Of(IEnumerable<Subprocessor> subprocessors)
    {
        var canonical = new StringBuilder();
        foreach (var s in subprocessors.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            canonical.Append(s.Name).Append('\u001f').Append(s.Purpose).Append('\u001f').Append(s.Location).Append('\u001f')
                .Append(s.DataCategories).Append('\u001f').Append(s.Website).Append('\u001f')
                .Append(s.AddedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\u001e');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }
}
