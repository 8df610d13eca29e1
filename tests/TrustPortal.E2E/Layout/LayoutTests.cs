using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TrustPortal.E2E.Pages;

namespace TrustPortal.E2E.Layout;

/// <summary>
/// Every page each kind of user reaches, at a laptop (1366 px) and a phone (390 px) width: nothing is wider than the
/// screen, nothing is drawn over the footer, and the tab's title names the vendor's trust center, never the software's
/// name. A full-page screenshot of each lands in artifacts/screenshots.
/// </summary>
public sealed class LayoutTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly int[] Widths = [1366, 390];

    public static TheoryData<string> Roles() => ["visitor", "acme", "globex", "sales", "legal", "admin"];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EveryPage_FitsTheScreen_AndLeavesTheFooterClear(string role)
    {
        var routes = await RoutesAsync(role);
        var page = role == "visitor" ? await fixture.NewPageAsync() : await Session.SignInAsync(fixture, Email(role));
        var problems = new List<string>();

        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, 900);
            foreach (var route in routes)
            {
                await OpenSettledAsync(page, route);
                var found = await page.EvaluateAsync<string[]>(LayoutProblemsScript);
                problems.AddRange(found.Select(problem => $"{role} {width}px {route}: {problem}"));
                var title = await page.TitleAsync();
                if (!title.EndsWith(" · Meridian AI Trust Center", StringComparison.Ordinal) || title.Contains("TrustPortal", StringComparison.Ordinal))
                {
                    problems.Add($"{role} {width}px {route}: the title \"{title}\" does not end with the vendor's trust center");
                }
                await page.ScreenshotAsync(new() { Path = ScreenshotPath(role, width, route), FullPage = true });
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task OnAPhone_StaffReachEveryAreaAndTheirAccountThroughMenus()
    {
        var page = await Session.SignInAsync(fixture, "legal@trustportal.local");
        await page.SetViewportSizeAsync(390, 844);
        await OpenSettledAsync(page, "/legal/countersign");
        var audit = page.GetByRole(AriaRole.Link, new() { Name = "Audit trail", Exact = true });
        await Assertions.Expect(audit).ToBeHiddenAsync();

        await page.GetByText("Menu", new() { Exact = true }).ClickAsync();
        await page.ScreenshotAsync(new() { Path = ScreenshotPath("legal", 390, "menu-open") });
        await audit.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Audit trail");

        var signOut = page.GetByRole(AriaRole.Button, new() { Name = "Sign out" });
        await Assertions.Expect(signOut).ToBeHiddenAsync();
        await page.Locator("summary[aria-label='Account menu']").ClickAsync();
        await Assertions.Expect(page.Locator(".account-menu-email")).ToHaveTextAsync("legal@trustportal.local");
        await page.ScreenshotAsync(new() { Path = ScreenshotPath("legal", 390, "account-menu-open") });
        await signOut.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    private static async Task OpenSettledAsync(IPage page, string route)
    {
        var response = await page.GotoAsync(route);
        Assert.True(response is { Ok: true }, $"{route} answered {response?.Status}");
        if ((await response!.TextAsync()).Contains("<!--Blazor:{\"type\":\"server\"", StringComparison.Ordinal))
        {
            await page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        }
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>
    /// Horizontal overflow of the page, and any visible element of the page body whose box reaches into the footer
    /// (fixed overlays such as toasts and dialogs are not part of the flow and are left out).
    /// </summary>
    private const string LayoutProblemsScript = """
        () => {
          const problems = [];
          const root = document.documentElement;
          if (root.scrollWidth > root.clientWidth + 1) {
            const wide = [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1 && getComputedStyle(e).position !== 'fixed')
              .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : ''));
            problems.push(`page is ${root.scrollWidth}px wide in a ${root.clientWidth}px window (${wide.join(', ')})`);
          }
          const footer = document.querySelector('footer.site-footer');
          if (!footer) { problems.push('no footer'); return problems; }
          const top = footer.getBoundingClientRect().top;
          // What shows of an element: its box cut by every ancestor that clips (a scrolling text box, for one).
          const shown = e => {
            let { top: t, bottom: b } = e.getBoundingClientRect();
            for (let x = e.parentElement; x; x = x.parentElement) {
              const style = getComputedStyle(x);
              if (style.position === 'fixed') return null;
              if (style.overflowY !== 'visible') { const r = x.getBoundingClientRect(); t = Math.max(t, r.top); b = Math.min(b, r.bottom); }
            }
            return b > t ? b : null;
          };
          const over = [...document.querySelectorAll('main *')].filter(e => {
            const r = e.getBoundingClientRect();
            if (r.height === 0 || r.width === 0 || getComputedStyle(e).visibility === 'hidden' || getComputedStyle(e).position === 'fixed') return false;
            const bottom = shown(e);
            return bottom !== null && bottom > top + 1;
          });
          if (over.length > 0) {
            problems.push(`${over.length} element(s) reach into the footer, first ${over[0].tagName.toLowerCase()}: "${(over[0].textContent || '').trim().slice(0, 40)}"`);
          }
          return problems;
        }
        """;

    private async Task<string[]> RoutesAsync(string role)
    {
        _ = fixture.Portal.BaseAddress;
        await using var db = fixture.Portal.CreateDbContext();
        var acme = await db.Organizations.Where(o => o.Name == "Acme Corporation").Select(o => o.Id).SingleAsync();
        var agreement = await db.Agreements.Where(a => a.OrganizationId == acme).Select(a => a.Id).FirstAsync();
        var globexBaa = await db.BaaRequests.Where(b => b.Organization!.Name == "Globex Inc.").Select(b => b.Id).FirstAsync();
        var inReview = await db.BaaRequests.OrderBy(b => b.Reference).Select(b => b.Id).Skip(1).FirstAsync();
        var update = await db.UpdatePosts.OrderByDescending(p => p.PublishedAtUtc).Select(p => p.Id).FirstAsync();
        var questionnaire = await db.Questionnaires.Select(q => q.Id).FirstAsync();
        return role switch
        {
            "visitor" => ["/", "/commitments", "/commitments/history", "/compliance", "/subprocessors", "/subprocessors/subscribe",
                "/updates", $"/updates/{update}", "/documents", "/documents/access", "/faq", "/faq?q=soc+2+report", "/verify", "/Account/Login", "/Account/Register", "/Account/LoginLink", "/Account/ForgotPassword"],
            "acme" => ["/portal", "/dpa/new", $"/agreements/{agreement}", "/soc2", "/portal/tokens", "/documents", "/Account/Manage", "/", "/faq"],
            "globex" => ["/portal", "/baa/new", $"/baa/{globexBaa}"],
            "sales" => ["/sales/requests", "/sales/access", "/sales/accounts", $"/sales/baa/{inReview}", "/legal/attestations", $"/legal/attestations/{acme}", "/Account/Manage",
                "/sales/questionnaires", $"/sales/questionnaires/{questionnaire}", "/admin/answers"],
            "legal" => ["/legal/countersign", "/legal/agreements", $"/agreements/{agreement}", "/legal/audit", "/legal/nda", "/admin/templates",
                "/legal/attestations", "/admin/tokens", "/admin/documents"],
            "admin" => ["/admin", "/admin/users", "/admin/mail", "/admin/webhooks", "/admin/content", "/admin/certifications", "/admin/subprocessors", "/admin/updates", "/legal/audit",
                "/admin/answers"],
            _ => throw new ArgumentOutOfRangeException(nameof(role)),
        };
    }

    private static string Email(string role) => role switch
    {
        "acme" => "customer@acme.example",
        "globex" => "customer@globex.example",
        _ => $"{role}@trustportal.local",
    };

    /// <summary>Full-page screenshots of the page as it is now, at desktop (1366 px) and phone (390 px) width.</summary>
    internal static async Task ScreenshotsAsync(IPage page, string role, string route)
    {
        foreach (var width in new[] { 1366, 390 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.EvaluateAsync("window.scrollTo(0, 0)");
            await page.ScreenshotAsync(new() { Path = ScreenshotPath(role, width, route), FullPage = true });
        }
        await page.SetViewportSizeAsync(1366, 900);
    }

    /// <summary>artifacts/screenshots at the repository root (CI keeps the folder), one PNG per role, width and page.</summary>
    internal static string ScreenshotPath(string role, int width, string route)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root.Parent is not null && !File.Exists(Path.Combine(root.FullName, "TrustPortal.sln")))
        {
            root = root.Parent;
        }
        var folder = Directory.CreateDirectory(Path.Combine(root.FullName, "artifacts", "screenshots")).FullName;
        var slug = System.Text.RegularExpressions.Regex.Replace(route.Trim('/'), "[0-9a-f]{8}-[0-9a-f-]{27}", "id").Replace('/', '-');
        slug = slug.Length == 0 ? "home" : slug;
        return Path.Combine(folder, $"{role}-{width}-{(slug.Length > 60 ? slug[..60] : slug)}.png");
    }
}
