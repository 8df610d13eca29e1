using System.Globalization;
using System.Text;

namespace TrustPortal.Web.Security;

/// <summary>
/// The one check for every return address the portal accepts (sign-in, two-factor, sign-out, theme switch, external
/// sign-in): a path on this site, or the home page. Never another site, and never a value that a Location header
/// cannot carry (Kestrel refuses control and non-ASCII characters there, which would be a server error).
/// </summary>
public static class LocalUrl
{
    public const string Home = "/";

    /// <summary>The portal's own addresses are far shorter; a longer one is not a place to return to.</summary>
    public const int MaxLength = 2048;

    /// <summary><paramref name="url"/> as a path on this site, or <see cref="Home"/> when it is not one.</summary>
    public static string OrHome(string? url, Uri? site = null) => TryResolve(url, site) ?? Home;

    /// <summary>The site a request was addressed to, so that absolute links back to it count as local.</summary>
    public static Uri? SiteOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Uri.TryCreate($"{request.Scheme}://{request.Host}{request.PathBase}/", UriKind.Absolute, out var site) ? site : null;
    }

    /// <summary>
    /// A path on this site ("/…", ASCII, escaped), or null. Accepted: "/path", "~/path", a base-relative "path" (the
    /// Identity pages' own form), and an absolute URL on <paramref name="site"/> when it is given. Refused: other
    /// hosts, "//host" and "/\host" (browsers read both as another host), schemes such as "javascript:", control
    /// characters (browsers drop tabs and newlines, so "/\t/host" would become "//host"), and over-long values.
    /// </summary>
    public static string? TryResolve(string? url, Uri? site = null)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxLength || url.Any(char.IsControl))
        {
            return null;
        }
        var basePath = site?.AbsolutePath ?? "/";
        if (url.StartsWith("~/", StringComparison.Ordinal))
        {
            return PathOnly(basePath + url[2..]);
        }
        if (url[0] == '/')
        {
            return PathOnly(url);
        }
        if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return site is not null && Uri.TryCreate(url, UriKind.Absolute, out var absolute)
                && Uri.Compare(absolute, site, UriComponents.SchemeAndServer, UriFormat.SafeUnescaped, StringComparison.OrdinalIgnoreCase) == 0
                && absolute.AbsolutePath.StartsWith(basePath, StringComparison.Ordinal)
                ? PathOnly(absolute.PathAndQuery + absolute.Fragment)
                : null;
        }
        // A base-relative path ("Account/Login") has no scheme: no colon before its first '/', '?' or '#'.
        var end = url.IndexOfAny(['/', '?', '#']);
        var head = end < 0 ? url : url[..end];
        return head.Contains(':', StringComparison.Ordinal) || url[0] == '\\' ? null : PathOnly(basePath + url);
    }

    private static string? PathOnly(string path) =>
        path.Length > 0 && path[0] == '/' && (path.Length == 1 || (path[1] != '/' && path[1] != '\\')) ? Escape(path) : null;

    /// <summary>Percent-encodes spaces and non-ASCII characters as UTF-8, as a browser would before sending them.</summary>
    private static string Escape(string path)
    {
        if (path.All(c => c is > ' ' and < '\u007F'))
        {
            return path;
        }
        var builder = new StringBuilder(path.Length + 16);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in path.EnumerateRunes())
        {
            if (rune.Value is > ' ' and < 0x7F)
            {
                builder.Append((char)rune.Value);
                continue;
            }
            var length = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..length])
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }
}
