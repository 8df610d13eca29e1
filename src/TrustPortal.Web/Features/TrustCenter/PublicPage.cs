namespace TrustPortal.Web.Features.TrustCenter;

/// <summary>Page titles of the public trust center.</summary>
public static class PublicPage
{
    public static string Title(string vendor, string page) => $"{page} · {vendor} Trust Center";
}
