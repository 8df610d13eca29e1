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

        Assert.Equal(["/", "/commitments", "/compliance", "/subprocessors", "/documents", "/updates", "/faq", "/verify"], LinksFor());
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

    [Theory]
    [InlineData("/sales/requests")]
    [InlineData("/sales/baa/6f1c2b9e-0000-4000-8000-000000000001")]
    [InlineData("/sales/data-retention/6f1c2b9e-0000-4000-8000-000000000001")]
    public void Sales_OnTheQueueOrAnyRequestsReviewPage_SeeTheRequestQueueAsCurrent(string path)
    {
        AddAuthorization().SetAuthorized("sales@trustportal.local").SetRoles(Roles.Sales);

        var nav = Render<SiteNavigation>(p => p.Add(c => c.CurrentPath, path));

        Assert.Equal("/sales/requests", nav.Find(".site-nav-inner a[aria-current=page]").GetAttribute("href"));
        Assert.DoesNotContain("/sales/data-retention", nav.FindAll(".site-nav-inner a").Select(a => a.GetAttribute("href")));
    }

    [Theory]
    [InlineData(Roles.Sales)]
    [InlineData(Roles.Legal)]
    [InlineData(Roles.Admin)]
    public void EveryStaffRole_SeesOneAnswersLink_CurrentOnBothOfItsPages(string role)
    {
        AddAuthorization().SetAuthorized("staff@trustportal.local").SetRoles(role);

        foreach (var path in new[] { "/sales/questionnaires", "/sales/questionnaires/6f1c2b9e-0000-4000-8000-000000000001", "/admin/answers" })
        {
            var nav = Render<SiteNavigation>(p => p.Add(c => c.CurrentPath, path));
            Assert.Equal("/sales/questionnaires", nav.Find(".site-nav-inner a[aria-current=page]").GetAttribute("href"));
        }
        Assert.DoesNotContain("/admin/answers", LinksFor());
    }

    [Fact]
    public void Admin_FindsTheSiteAdministrationPagesInOneMenu_MarkedCurrentOnAnyOfThem()
    {
        AddAuthorization().SetAuthorized("admin@trustportal.local").SetRoles(Roles.Admin);

        var nav = Render<SiteNavigation>(p => p.Add(c => c.CurrentPath, "/admin/certifications"));

        var group = nav.FindAll(".site-nav-inner details.site-nav-group").Single(g => g.QuerySelector("summary")!.TextContent.Trim() == "Site admin");
        Assert.Equal(["/admin/content", "/admin/certifications", "/admin/subprocessors", "/admin/users", "/admin/mail", "/admin/webhooks"],
            group.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Contains("active", group.QuerySelector("summary")!.ClassList);
        Assert.Equal("/admin/certifications", group.QuerySelector("a[aria-current=page]")!.GetAttribute("href"));
    }

    [Fact]
    public void SignedInUsers_FindThePublicPagesInOneTrustCenterMenu_AnonymousVisitorsInTheBar()
    {
        AddAuthorization().SetAuthorized("legal@trustportal.local").SetRoles(Roles.Legal);

        var nav = Render<SiteNavigation>(p => p.Add(c => c.CurrentPath, "/faq"));

        var group = nav.Find(".site-nav-inner details.site-nav-group");
        Assert.Equal("Trust center", group.QuerySelector("summary")!.TextContent.Trim());
        Assert.Equal(["/", "/commitments", "/compliance", "/subprocessors", "/documents", "/updates", "/faq", "/verify"], group.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Contains("active", group.QuerySelector("summary")!.ClassList);
        Assert.Equal("/faq", group.QuerySelector("a[aria-current=page]")!.GetAttribute("href"));
    }
}
