using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TrustPortal.Web.Features.Agreements;

namespace TrustPortal.E2E.TrustCenter;

/// <summary>
/// A visitor with no cookies: every public page opens, and the interactive ones come alive. The framework's own
/// endpoints (<c>/_blazor/*</c>, <c>/_framework/*</c>) once sat behind the sign-in wall, which left /verify's file picker
/// greyed out forever for exactly the people every email and sealed PDF sends there.
/// </summary>
public sealed class AnonymousVisitorTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>Every page that says [AllowAnonymous] and needs no route value, found in the portal itself.</summary>
    public static TheoryData<string> PublicRoutes()
    {
        var routes = typeof(VerifyPage).Assembly.GetTypes()
            .Where(t => t.IsAssignableTo(typeof(IComponent)) && t.GetCustomAttribute<AllowAnonymousAttribute>(inherit: true) is not null)
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => r.Template))
            .Where(template => !template.Contains('{', StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        return [.. routes];
    }

    [Theory]
    [MemberData(nameof(PublicRoutes))]
    public async Task EveryPublicPage_OpensWithoutCookies_AndItsInteractivePartsStart(string route)
    {
        var page = await fixture.NewPageAsync();
        var framework = new List<string>();
        page.Response += (_, response) =>
        {
            var path = new Uri(response.Url).AbsolutePath;
            if (path.StartsWith("/_blazor", StringComparison.Ordinal) || path.StartsWith("/_framework", StringComparison.Ordinal))
            {
                framework.Add($"{response.Status} {path}");
            }
        };

        var response = await page.GotoAsync(route);

        Assert.NotNull(response);
        Assert.True(response.Ok, $"{route} answered {response.Status}");
        // The sign-in wall sends a visitor to /Account/Login?ReturnUrl=...; a sign-in step opened out of order may go to
        // the sign-in page, but never through the wall.
        Assert.DoesNotContain("ReturnUrl=", page.Url, StringComparison.OrdinalIgnoreCase);
        if ((await response.TextAsync()).Contains("<!--Blazor:{\"type\":\"server\"", StringComparison.Ordinal))
        {
            // A page rendered for a circuit: it must become interactive, or its buttons and file pickers are dead.
            await page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        }
        Assert.All(framework, line => Assert.StartsWith("2", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Visitor_VerifiesAnExecutedPdf_AndTheSameFileWithOneByteChanged()
    {
        var (pdf, number) = await ExecutedPdfAsync();
        var tampered = pdf.ToArray();
        var at = Array.IndexOf(tampered, (byte)'A', tampered.Length / 3);
        tampered[at] = (byte)'B';
        var folder = Directory.CreateDirectory(Path.Combine(fixture.Portal.DataDirectory, "verify-upload")).FullName;
        var original = Path.Combine(folder, $"{number}.pdf");
        var changed = Path.Combine(folder, $"{number}-changed.pdf");
        await File.WriteAllBytesAsync(original, pdf);
        await File.WriteAllBytesAsync(changed, tampered);

        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/verify");
        await page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var picker = page.GetByLabel("PDF to verify", new() { Exact = false });
        await Assertions.Expect(picker).ToBeEnabledAsync();

        await picker.SetInputFilesAsync(original);
        var verdict = page.Locator("#result-title");
        await Assertions.Expect(verdict).ToHaveTextAsync("Authentic");
        await Assertions.Expect(page.Locator("section[aria-labelledby=result-title]")).ToContainTextAsync($"is {number}, a Data Processing Addendum");

        await picker.SetInputFilesAsync(changed);
        await Assertions.Expect(verdict).ToHaveTextAsync("Not authentic");
    }

    private async Task<(byte[] Pdf, string Number)> ExecutedPdfAsync()
    {
        _ = fixture.Portal.BaseAddress;
        await using var db = fixture.Portal.CreateDbContext();
        var found = await db.Agreements.Where(a => a.Organization!.Name == "Acme Corporation")
            .Join(db.AgreementDocuments, a => a.Id, d => d.AgreementId, (a, d) => new { d.Content, a.Number })
            .FirstAsync();
        return (found.Content, found.Number);
    }
}
