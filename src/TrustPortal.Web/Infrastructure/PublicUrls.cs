using Microsoft.Extensions.Options;

namespace TrustPortal.Web.Infrastructure;

/// <summary>
/// Absolute links for emails: the configured public URL. Only in Development, where it may be empty, the host of the
/// current request stands in (start-up refuses an empty one elsewhere).
/// </summary>
public sealed class PublicUrls(IOptions<VendorOptions> vendor, IHttpContextAccessor http)
{
    public string Absolute(string path)
    {
        var configured = vendor.Value.PublicUrl;
        string baseUrl;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            baseUrl = configured.TrimEnd('/');
        }
        else if (http.HttpContext?.Request is { } request)
        {
            baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}";
        }
        else
        {
            baseUrl = "http://localhost";
        }
        return baseUrl + "/" + path.TrimStart('/');
    }

    public static bool IsValidBase(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
