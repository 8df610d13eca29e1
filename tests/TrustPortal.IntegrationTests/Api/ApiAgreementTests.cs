using System.Net;
using Microsoft.EntityFrameworkCore;
using TrustPortal.IntegrationTests.Agreements;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Api;

namespace TrustPortal.IntegrationTests.Api;

/// <summary>/api/v1/agreements: tenant isolation, filters, cursor paging and the error answers for bad input.</summary>
public sealed class ApiAgreementTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task AnotherOrganizationsAgreement_Is404_ForGetAndPdf_AndNeverListed()
    {
        Guid acmeAgreement, acmeId;
        await using (var db = portal.CreateDbContext())
        {
            _ = portal.BaseAddress;
            acmeId = await db.Organizations.Where(o => o.Name == "Acme Corporation").Select(o => o.Id).SingleAsync();
            acmeAgreement = await db.Agreements.Where(a => a.OrganizationId == acmeId).Select(a => a.Id).FirstAsync();
        }
        using var globex = ApiTestData.Client(portal, await ApiTestData.CreateTokenAsync(portal, ApiTestData.GlobexEmail, [ApiScopes.AgreementsRead]));
        using var acme = ApiTestData.Client(portal, await ApiTestData.CreateTokenAsync(portal, ApiTestData.AcmeEmail, [ApiScopes.AgreementsRead]));

        Assert.Equal(HttpStatusCode.NotFound, (await globex.GetAsync($"/api/v1/agreements/{acmeAgreement}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await globex.GetAsync($"/api/v1/agreements/{acmeAgreement}/pdf")).StatusCode);
        var filtered = await ApiTestData.JsonAsync(await globex.GetAsync($"/api/v1/agreements?organizationId={acmeId}"));
        Assert.Equal(0, filtered.GetProperty("items").GetArrayLength());
        var all = await ApiTestData.JsonAsync(await globex.GetAsync("/api/v1/agreements?limit=200"));
        Assert.DoesNotContain(all.GetProperty("items").EnumerateArray(), a => a.GetProperty("organizationId").GetGuid() == acmeId);

        using var own = await acme.GetAsync($"/api/v1/agreements/{acmeAgreement}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        using var pdf = await acme.GetAsync($"/api/v1/agreements/{acmeAgreement}/pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync())[..4], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CursorPaging_ReturnsEveryAgreementExactlyOnce()
    {
        // 23 agreements executed at the same moment: only the number separates them, so the keyset's tie-break is exercised.
        var (organization, agreements) = await LibraryTestData.ArrangeCopiesAsync(portal, "Paging Corp", 23);
        using var legal = ApiTestData.Client(portal, await ApiTestData.CreateTokenAsync(portal, ApiTestData.LegalEmail, [ApiScopes.AgreementsRead]));
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = $"/api/v1/agreements?organizationId={organization.Id}&limit=5" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await ApiTestData.JsonAsync(await legal.GetAsync(url));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("number").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 20);

        Assert.Equal(5, pages);
        Assert.Equal(agreements.Select(a => a.Number).Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task Filters_NarrowTheList()
    {
        var (organization, _) = await LibraryTestData.ArrangeCopiesAsync(portal, "Filter Corp", 3);
        int year;
        await using (var db = portal.CreateDbContext())
        {
            year = await db.Agreements.Where(a => a.OrganizationId == organization.Id).Select(a => a.Year).FirstAsync();
        }
        using var legal = ApiTestData.Client(portal, await ApiTestData.CreateTokenAsync(portal, ApiTestData.LegalEmail, [ApiScopes.AgreementsRead]));

        var inYear = await ApiTestData.JsonAsync(await legal.GetAsync($"/api/v1/agreements?kind=dpa&status=executed&executedFrom={year}-06-01&executedTo={year}-06-01"));
        var otherKind = await ApiTestData.JsonAsync(await legal.GetAsync($"/api/v1/agreements?kind=baa&organizationId={organization.Id}"));
        var before = await ApiTestData.JsonAsync(await legal.GetAsync($"/api/v1/agreements?organizationId={organization.Id}&executedTo={year}-05-31"));

        Assert.Equal(3, inYear.GetProperty("items").GetArrayLength());
        Assert.All(inYear.GetProperty("items").EnumerateArray(), a => Assert.Equal("dpa", a.GetProperty("kind").GetString()));
        Assert.Equal(0, otherKind.GetProperty("items").GetArrayLength());
        Assert.Equal(0, before.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("cursor=WyJ4IiwieSJd", "cursor")]
    [InlineData("kind=nda", "'kind' must be one of")]
    [InlineData("status=signed", "'status' must be one of")]
    [InlineData("organizationId=acme", "'organizationId' must be a GUID")]
    [InlineData("executedFrom=01/02/2026", "'executedFrom' must be a date")]
    [InlineData("executedFrom=2026-03-01&executedTo=2026-02-01", "after")]
    [InlineData("limit=0", "'limit'")]
    [InlineData("limit=5000", "'limit'")]
    public async Task BadInput_Is400ProblemThatSaysWhatIsWrong(string query, string expected)
    {
        using var legal = ApiTestData.Client(portal, await ApiTestData.CreateTokenAsync(portal, ApiTestData.LegalEmail, [ApiScopes.AgreementsRead, ApiScopes.AuditRead]));

        using var response = await legal.GetAsync($"/api/v1/agreements?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, (await ApiTestData.JsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadCursorOnTheAuditTrail_Is400()
    {
        using var legal = ApiTestData.Client(portal, await ApiTestData.CreateTokenAsync(portal, ApiTestData.LegalEmail, [ApiScopes.AuditRead]));

        using var response = await legal.GetAsync("/api/v1/audit-events?cursor=%%%");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
