namespace TrustPortal.Web.Features.TrustCenter;

/// <summary>Page titles of the public trust center: the same as every page's tab title (<see cref="Components.Shared.PortalTitle"/>).</summary>
public static class PublicPage
{
    public static string Title(string vendor, string page) => Components.Shared.PortalTitle.Format(vendor, page);
}
