using Bunit;
using TrustPortal.Web.Components.Layout;
using TrustPortal.Web.Security;

namespace TrustPortal.Tests.Layout;

public sealed class SiteNavigationTests : PortalComponentTest
{
    private List<string> LinksFor(string currentPath = "/") =>
        Render<SiteNavigation>(p => p.Add(c => c.CurrentPath, currentPath))
            .FindAll(".site-nav-inner a").Select(a => a.GetAttribute("href")!).ToList();

    [Fact]
    public void Anonymous_SeesOnlyThePublicPages()
    {
        AddAuthorization();

        Assert.Equal(["/", "/commitments", "/compliance", "/subprocessors", "/updates", "/verify"], LinksFor());
    }

    [Fact]
    public void Customer_AlsoSeesTheirOrganization_ButNoStaffArea()
    {
        AddAuthorization().SetAuthorized("customer@acme.example").SetRoles(Roles.Customer);

        var links = LinksFor();

        Assert.Contains("/portal", links);
        Assert.Contains("/dpa/new", links);
        Assert.DoesNotContain("/legal/audit", links);
        Assert.DoesNotContain("/admin/templates", links);
    }

    [Fact]
    public void Legal_SeesTheAuditTrail_ButNotTheCustomerPortal()
    {
        AddAuthorization().SetAuthorized("legal@trustportal.local").SetRoles(Roles.Legal);

        var links = LinksFor();

        Assert.Contains("/legal/audit", links);
        Assert.Contains("/admin/templates", links);
        Assert.DoesNotContain("/portal", links);
        Assert.DoesNotContain("/dpa/new", links);
    }

    [Fact]
    public void CurrentPage_IsMarkedForAssistiveTechnology()
    {
        AddAuthorization();

        var nav = Render<SiteNavigation>(p => p.Add(c => c.CurrentPath, "/compliance"));

        var current = nav.Find(".site-nav-inner a[aria-current=page]");
        Assert.Equal("/compliance", current.GetAttribute("href"));
        Assert.Contains("active", current.ClassList);
    }
}
