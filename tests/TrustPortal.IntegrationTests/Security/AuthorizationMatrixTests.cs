using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Security;

namespace TrustPortal.IntegrationTests.Security;

/// <summary>
/// Every route the app maps, against every kind of user, over HTTP. The routes come from the app's own endpoint
/// data sources, so a new page without a row here fails the test. docs/SECURITY.md explains the matrix.
/// </summary>
public sealed class AuthorizationMatrixTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Ok = "ok", Login = "login", Denied = "denied", NotFound = "404", Redirect = "redirect", Post = "post-only", SetUp2fa = "2fa-setup", Unauthorized = "401";

    /// <summary>
    /// Who: anonymous, customer of Acme (A), customer of Globex (B), Sales, Legal, Admin, and a Legal member signed in
    /// with a password only (no authenticator yet): every right that comes from a staff role needs the second factor,
    /// agreement pages and PDFs included.
    /// </summary>
    private static readonly string[] Identities = ["anonymous", "customer-a", "customer-b", "sales", "legal", "admin", "legal-password-only"];

    private static readonly Dictionary<string, string[]> Expected = new()
    {
        // Public trust center and tools.
        ["/"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["/commitments"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["/compliance"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["/subprocessors"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["/verify"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        // A stored agreement's public status by its file's SHA-256 (Acme's DPA here); the address printed on its
        // certificate page leads there. Only what the paper shows; see VerifyStatusTests.
        ["/verify/{Fingerprint}"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["/verify/a/{Code}"] = [Redirect, Redirect, Redirect, Redirect, Redirect, Redirect, Redirect],
        ["/llms.txt"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["/trust-center.json"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["/not-found"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["/Error"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["/healthz"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["/theme/{mode}"] = [Redirect, Redirect, Redirect, Redirect, Redirect, Redirect, Redirect],
        ["/dpa/sign/{Token}"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        // The signatory's copy: the token (and, once used, the browser's cookie) is the credential; a wrong one is 404 for
        // everyone. Real links are in SignatoryCopyTests.
        ["/dpa/copy/{token}"] = [NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound],
        ["/commitments/history"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["/subprocessors/subscribe"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["/subprocessors/confirm"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["/subprocessors/unsubscribe"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        // Updates and their feeds are public; an unknown post is 404 for everyone.
        ["/updates"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["/updates/subscribe"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["/updates/{Id:guid}"] = [NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound],
        ["/updates.atom"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["/updates.json"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["/api/verify"] = [Post, Post, Post, Post, Post, Post, Post],
        // The document library: public pages; what each reader may download is decided per document (DocumentAccessTests).
        ["/documents"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["/documents/access"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["/documents/signin"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["/documents/nda"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["/documents/sign-out"] = [Post, Post, Post, Post, Post, Post, Post],
        ["/documents/{Id:guid}"] = [NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound],
        ["/documents/{id:guid}/download"] = [NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound],
        // The FAQ is public; who sees which answers is in FaqTests.
        ["/faq"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["/workspace"] = [Login, Redirect, Redirect, Redirect, Redirect, Redirect, Redirect],
        // Customers: their own organization only; an id of another organization does not exist.
        ["/portal"] = [Login, Ok, Ok, Denied, Denied, Denied, Denied],
        ["/portal/setup"] = [Login, Redirect, Redirect, Denied, Denied, Denied, Denied],
        ["/dpa/new"] = [Login, Ok, Ok, Denied, Denied, Denied, Denied],
        ["/baa/new"] = [Login, Ok, Redirect, Denied, Denied, Denied, Denied],
        ["/baa/{Id:guid}"] = [Login, NotFound, Ok, Denied, Denied, Denied, Denied],
        ["/soc2"] = [Login, Ok, Ok, Denied, Denied, Denied, Denied],
        // The organization comes from the member, so each customer sees their own election.
        ["/portal/data-controls"] = [Login, Ok, Ok, Denied, Denied, Denied, Denied],
        // Data-retention requests: the demo has none, so an id is another organization's or nobody's.
        ["/portal/data-retention"] = [Login, Ok, Ok, Denied, Denied, Denied, Denied],
        ["/portal/data-retention/new"] = [Login, Ok, Ok, Denied, Denied, Denied, Denied],
        ["/portal/data-retention/{Id:guid}"] = [Login, NotFound, NotFound, Denied, Denied, Denied, Denied],
        ["/soc2/report"] = [Login, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound],
        ["/agreements/{Id:guid}"] = [Login, Ok, NotFound, NotFound, Ok, NotFound, NotFound],
        ["/agreements/{id:guid}/pdf"] = [Login, Ok, NotFound, NotFound, Ok, NotFound, NotFound],
        // Staff.
        // One queue for every request type; the per-type queues that came before redirect to it with the type chosen.
        ["/sales/requests"] = [Login, Denied, Denied, Ok, Denied, Denied, Denied],
        ["/sales/baa"] = [Login, Denied, Denied, Redirect, Denied, Denied, Denied],
        ["/sales/baa/{Id:guid}"] = [Login, Denied, Denied, Ok, Denied, Denied, Denied],
        ["/legal/countersign"] = [Login, Denied, Denied, Denied, Ok, Denied, SetUp2fa],
        ["/sales/data-retention"] = [Login, Denied, Denied, Redirect, Denied, Denied, Denied],
        ["/sales/data-retention/{Id:guid}"] = [Login, Denied, Denied, NotFound, Denied, Denied, Denied],
        ["/legal/countersign/data-retention"] = [Login, Denied, Denied, Denied, Redirect, Denied, SetUp2fa],
        ["/legal/agreements"] = [Login, Denied, Denied, Denied, Ok, Denied, SetUp2fa],
        ["/legal/agreements/export"] = [Login, Denied, Denied, Denied, Ok, Denied, SetUp2fa],
        ["/legal/nda"] = [Login, Denied, Denied, Denied, Ok, Denied, SetUp2fa],
        ["/admin/templates"] = [Login, Denied, Denied, Denied, Ok, Denied, SetUp2fa],
        ["/legal/attestations"] = [Login, Denied, Denied, Ok, Ok, Denied, SetUp2fa],
        ["/legal/attestations.csv"] = [Login, Denied, Denied, Ok, Ok, Denied, SetUp2fa],
        ["/legal/attestations/{Id:guid}"] = [Login, Denied, Denied, Ok, Ok, Denied, SetUp2fa],
        ["/legal/audit"] = [Login, Denied, Denied, Denied, Ok, Ok, SetUp2fa],
        ["/admin"] = [Login, Denied, Denied, Denied, Denied, Ok, Denied],
        ["/admin/subprocessors"] = [Login, Denied, Denied, Denied, Denied, Ok, Denied],
        ["/admin/updates"] = [Login, Denied, Denied, Denied, Ok, Ok, SetUp2fa],
        ["/admin/documents"] = [Login, Denied, Denied, Denied, Ok, Ok, SetUp2fa],
        // Prospects' access and what companies read: Sales, and Admins.
        ["/sales/access"] = [Login, Denied, Denied, Ok, Denied, Ok, Denied],
        ["/sales/accounts"] = [Login, Denied, Denied, Ok, Denied, Ok, Denied],
        ["/sales/accounts.csv"] = [Login, Denied, Denied, Ok, Denied, Ok, Denied],
        ["/admin/users"] = [Login, Denied, Denied, Denied, Denied, Ok, Denied],
        ["/admin/content"] = [Login, Denied, Denied, Denied, Denied, Ok, Denied],
        ["/admin/certifications"] = [Login, Denied, Denied, Denied, Denied, Ok, Denied],
        ["/admin/mail"] = [Login, Denied, Denied, Denied, Denied, Ok, Denied],
        // The answer library and questionnaires: any staff role with its second factor; an unknown id is 404.
        ["/admin/answers"] = [Login, Denied, Denied, Ok, Ok, Ok, SetUp2fa],
        ["/sales/questionnaires"] = [Login, Denied, Denied, Ok, Ok, Ok, SetUp2fa],
        ["/sales/questionnaires/{Id:guid}"] = [Login, Denied, Denied, NotFound, NotFound, NotFound, SetUp2fa],
        ["/sales/questionnaires/{id:guid}/download"] = [Login, Denied, Denied, NotFound, NotFound, NotFound, SetUp2fa],
        // Webhooks: Admins only; an endpoint id that does not exist is 404.
        ["/admin/webhooks"] = [Login, Denied, Denied, Denied, Denied, Ok, Denied],
        ["/admin/webhooks/{Id:guid}"] = [Login, Denied, Denied, Denied, Denied, NotFound, Denied],
        // API tokens: each user's own; any staff role (with its second factor), or a customer of an organization.
        ["/portal/tokens"] = [Login, Ok, Ok, Denied, Denied, Denied, Denied],
        ["/admin/tokens"] = [Login, Denied, Denied, Ok, Ok, Ok, SetUp2fa],
        // The REST API answers bearer tokens only: a signed-in browser's cookie is no token (401). Scopes in ApiRouteTests.
        ["/api/v1/agreements"] = [Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized],
        ["/api/v1/agreements/{id}"] = [Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized],
        ["/api/v1/agreements/{id}/pdf"] = [Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized],
        ["/api/v1/organizations"] = [Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized],
        ["/api/v1/organizations/{id}"] = [Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized],
        ["/api/v1/attestations"] = [Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized],
        ["/api/v1/requests/baa"] = [Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized],
        ["/api/v1/requests/baa/{id}"] = [Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized],
        ["/api/v1/requests/data-retention"] = [Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized],
        ["/api/v1/requests/data-retention/{id}"] = [Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized],
        ["/api/v1/elections"] = [Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized],
        ["/api/v1/audit-events"] = [Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized],
        // Its description and reference page: for anyone signed in.
        ["/openapi/{documentName}.json"] = [Login, Ok, Ok, Ok, Ok, Ok, Ok],
        ["/api/reference/{documentName?}"] = [Login, Ok, Ok, Ok, Ok, Ok, Ok],
        // The reference page's own script and icon are public files, like the portal's.
        ["/api/reference/scalar.js"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["/api/reference/scalar.aspnetcore.js"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["/api/reference/favicon.svg"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        // Where a staff single sign-on ends without a session: a fixed explanation, the same for everyone.
        ["/Account/NoPortalRole"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        // Identity's own POST endpoints (antiforgery-protected forms).
        ["/Account/PerformExternalLogin"] = [Post, Post, Post, Post, Post, Post, Post],
        ["/Account/Logout"] = [Post, Post, Post, Post, Post, Post, Post],
        ["/Account/PasskeyCreationOptions"] = [Post, Post, Post, Post, Post, Post, Post],
        ["/Account/PasskeyRequestOptions"] = [Post, Post, Post, Post, Post, Post, Post],
        ["/Account/Manage/LinkExternalLogin"] = [Post, Post, Post, Post, Post, Post, Post],
        ["/Account/Manage/DownloadPersonalData"] = [Post, Post, Post, Post, Post, Post, Post],
    };

    [Fact]
    public async Task EveryRoute_ForEveryIdentity_HasTheExpectedOutcome()
    {
        var routes = MappedRoutes();
        var unlisted = routes.Where(r => !Expected.ContainsKey(r) && !r.StartsWith("/Account/", StringComparison.Ordinal)).ToList();
        Assert.True(unlisted.Count == 0, $"Routes without a row in the authorization matrix: {string.Join(", ", unlisted)}");

        var samples = await SampleValuesAsync();
        var clients = await ClientsAsync();
        var mismatches = new List<string>();
        foreach (var route in routes)
        {
            for (var i = 0; i < Identities.Length; i++)
            {
                var expected = Expected.TryGetValue(route, out var row) ? row[i] : AccountExpectation(route, i);
                if (expected == Post)
                {
                    continue;
                }
                var actual = await OutcomeAsync(clients[i], Fill(route, samples));
                if (!Matches(expected, actual))
                {
                    mismatches.Add($"{route} as {Identities[i]}: expected {expected}, got {actual}");
                }
            }
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task VerifyApi_AcceptsAnonymousPosts_WithoutACookie()
    {
        using var http = new HttpClient { BaseAddress = portal.BaseAddress };
        using var content = new MultipartFormDataContent { { new StringContent("x"), "other" } };

        using var response = await http.PostAsync("/api/verify", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>
    /// Identity's pages: Manage pages send anonymous visitors to sign in; the rest are public, though some send a
    /// visitor without the right link or state back to sign-in. None may fail.
    /// </summary>
    private static string AccountExpectation(string route, int identity) =>
        route.StartsWith("/Account/Manage", StringComparison.Ordinal) && identity == 0 ? Login : "any-but-error";

    private static bool Matches(string expected, string actual) =>
        expected == "any-but-error" ? !actual.StartsWith('5') : expected == actual;

    private List<string> MappedRoutes()
    {
        _ = portal.BaseAddress;
        return portal.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Where(r => !r.StartsWith("/_", StringComparison.Ordinal) && !r.Contains("{*", StringComparison.Ordinal))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private async Task<Dictionary<string, string>> SampleValuesAsync()
    {
        await using var db = portal.CreateDbContext();
        var acmeAgreement = await db.Agreements.Where(a => a.Organization!.Name == "Acme Corporation").Select(a => a.Id).FirstAsync();
        var globexRequest = await db.BaaRequests.Where(r => r.Organization!.Name == "Globex Inc.").Select(r => r.Id).FirstAsync();
        var acme = await db.Organizations.Where(o => o.Name == "Acme Corporation").Select(o => o.Id).FirstAsync();
        var acmeSha256 = await db.AgreementDocuments.Where(d => d.AgreementId == acmeAgreement).Select(d => d.Sha256).FirstAsync();
        return new()
        {
            ["/agreements/"] = acmeAgreement.ToString(),
            ["/verify/"] = acmeSha256,
            ["/verify/a/"] = acmeAgreement.ToString(),
            ["/baa/"] = globexRequest.ToString(),
            ["/sales/baa/"] = globexRequest.ToString(),
            ["/legal/attestations/"] = acme.ToString(),
            ["/Account/Manage/RenamePasskey/"] = "AAAA",
            ["/dpa/sign/"] = "not-a-real-token",
            ["/dpa/copy/"] = "not-a-real-token",
            ["/theme/"] = "dark",
            ["/openapi/"] = "v1",
            ["/api/reference/"] = "v1",
        };
    }

    private static string Fill(string route, Dictionary<string, string> samples)
    {
        var brace = route.IndexOf('{', StringComparison.Ordinal);
        if (brace < 0)
        {
            return route;
        }
        var prefix = route[..brace];
        var value = samples.TryGetValue(prefix, out var sample) ? sample : Guid.NewGuid().ToString();
        var end = route.IndexOf('}', brace);
        return prefix + value + route[(end + 1)..];
    }

    private async Task<PortalClient[]> ClientsAsync()
    {
        var passwordOnlyLegal = $"legal-password-only-{Guid.NewGuid():N}@trustportal.local";
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = passwordOnlyLegal, Email = passwordOnlyLegal, EmailConfirmed = true, DisplayName = "New Legal" };
            Assert.True((await users.CreateAsync(user, PortalFactory.DemoPassword)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Legal);
        }
        string?[] emails = [null, "customer@acme.example", "customer@globex.example", "sales@trustportal.local", "legal@trustportal.local", "admin@trustportal.local", passwordOnlyLegal];
        var clients = new PortalClient[emails.Length];
        for (var i = 0; i < emails.Length; i++)
        {
            clients[i] = new PortalClient(portal.BaseAddress);
            if (emails[i] is { } email)
            {
                await clients[i].SignInAsync(email, PortalFactory.DemoPassword);
            }
        }
        return clients;
    }

    private static async Task<string> OutcomeAsync(PortalClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var location = response.Headers.Location?.OriginalString ?? "";
        return response.StatusCode switch
        {
            HttpStatusCode.OK => Ok,
            HttpStatusCode.NotFound => NotFound,
            HttpStatusCode.Redirect or HttpStatusCode.Found when location.Contains("/Account/Login", StringComparison.Ordinal) => Login,
            HttpStatusCode.Redirect when location.Contains("/Account/AccessDenied", StringComparison.Ordinal) => Denied,
            HttpStatusCode.Redirect when location.Contains("/Account/Manage/EnableAuthenticator", StringComparison.Ordinal) => SetUp2fa,
            HttpStatusCode.Redirect or HttpStatusCode.MovedPermanently or HttpStatusCode.SeeOther => Redirect,
            var other => ((int)other).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
