using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Api;

/// <summary>
/// The reference page (Scalar) starts itself with one inline module script, which the portal's CSP (scripts from this
/// origin only) refuses. Rather than allow every inline script on it, the page's own inline scripts are allowed by
/// their SHA-256: the answer is buffered, hashed, and sent with a CSP naming exactly those hashes.
/// </summary>
public static partial class ApiReferenceCsp
{
    public static void UseApiReferenceCsp(this IApplicationBuilder app, PathString path) =>
        app.UseWhen(context => IsPage(context.Request, path), branch => branch.Use(async (context, next) =>
        {
            var original = context.Response.Body;
            await using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            try
            {
                await next();
            }
            finally
            {
                context.Response.Body = original;
            }
            if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                var html = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
                var hashes = InlineScript().Matches(html)
                    .Select(m => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups["body"].Value)))}'");
                context.Response.Headers.ContentSecurityPolicy =
                    SecurityHeaders.ContentSecurityPolicy.Replace("script-src 'self'", $"script-src 'self' {string.Join(' ', hashes)}", StringComparison.Ordinal);
            }
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
        }));

    /// <summary>The page itself, not its script files (which are large and need no CSP of their own): nothing to buffer for those.</summary>
    private static bool IsPage(HttpRequest request, PathString path) =>
        HttpMethods.IsGet(request.Method) && request.Path.StartsWithSegments(path, out var rest)
        && !(rest.Value ?? "").Contains('.', StringComparison.Ordinal);

    /// <summary>A script element without src, and its exact text (what a CSP hash covers).</summary>
    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>(?<body>.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
