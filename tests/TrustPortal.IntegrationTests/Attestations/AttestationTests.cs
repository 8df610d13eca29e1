using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.IntegrationTests.Baa;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Attestations;
using TrustPortal.Web.Features.Baa;
using TrustPortal.Web.Features.TrustCenter;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Shared;

namespace TrustPortal.IntegrationTests.Attestations;

/// <summary>Attestations follow the evidence: executed DPAs, new template versions, BAA requests.</summary>
public sealed class AttestationTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Legal = "legal@trustportal.local";

    [Fact]
    public async Task Csv_HasAHeaderNamingTheFrameworks_AndOneRowPerOrganization_MatchingTheData()
    {
        using var client = await SignedInAsync(Legal);

        using var response = await client.GetAsync("/legal/attestations.csv");
        var body = await response.Content.ReadAsStringAsync();
        var lines = body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // One line ending, CRLF, as RFC 4180 and the agreement manifest have it.
        Assert.DoesNotMatch("[^\r]\n", body);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Organization,SOC 2 Type 2,GDPR,CCPA,HIPAA,Training data,Data retention", lines[0]);
        await using var db = portal.CreateDbContext();
        Assert.Equal(await db.Organizations.CountAsync(), lines.Count - 1);
        foreach (var organization in await db.Organizations.ToListAsync())
        {
            var stored = await db.Attestations.Where(a => a.OrganizationId == organization.Id).ToListAsync();
            var expected = string.Join(',', TrackedFrameworks.All.Select(f => (stored.FirstOrDefault(a => a.Framework == f)?.Status ?? AttestationStatus.NotStarted).DisplayName()));
            // No seeded organization has made a data-sharing election or a retention request: the defaults, Off and standard retention.
            Assert.Contains($"{organization.Name},{expected},Off,Standard (30 days)", lines);
        }
        Assert.Contains(lines, l => l.StartsWith("Umbrella Health,", StringComparison.Ordinal) && l.EndsWith(",Requested,Off,Standard (30 days)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Query_ByFrameworkAndStatus_ReturnsOnlyMatchingOrganizations_WithTotal()
    {
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync("sales@trustportal.local"));
        var service = scope.ServiceProvider.GetRequiredService<AttestationService>();

        var covered = await service.QueryAsync(new AttestationQuery(ComplianceFramework.Gdpr, AttestationStatus.Current));
        var requested = await service.QueryAsync(new AttestationQuery(ComplianceFramework.Hipaa, AttestationStatus.Requested, PageSize: 2));
        var search = await service.QueryAsync(new AttestationQuery(Search: "acme"));

        await using var db = portal.CreateDbContext();
        var expected = await db.Attestations.Where(a => a.Framework == ComplianceFramework.Gdpr && a.Status == AttestationStatus.Current)
            .Select(a => a.OrganizationId).ToListAsync();
        Assert.Equal(expected.Order(), covered.Rows.Select(r => r.OrganizationId).Order());
        Assert.All(covered.Rows, r => Assert.Equal(AttestationStatus.Current, r.For(ComplianceFramework.Gdpr).Status));
        Assert.Equal(2, requested.Rows.Count);
        Assert.True(requested.Total >= 3, $"{requested.Total} organizations have a requested HIPAA attestation.");
        Assert.Equal("Acme Corporation", Assert.Single(search.Rows).OrganizationName);
    }

    [Fact]
    public async Task GetMine_ForACustomer_IsTheirOwnOrganizationOnly()
    {
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync("customer@globex.example"));
        var service = scope.ServiceProvider.GetRequiredService<AttestationService>();

        var mine = await service.GetMineAsync();
        var matrix = await service.QueryAsync(new AttestationQuery());

        Assert.Equal("Globex Inc.", mine!.OrganizationName);
        Assert.Empty(matrix.Rows);
        Assert.Null(await service.GetOrganizationAsync(mine.OrganizationId));
    }

    [Fact]
    public async Task PublishingANewDpaVersion_SupersedesCoverageByOlderDpas_AndThePortalSaysSo()
    {
        await using (var scope = portal.ScopeAs(await portal.PrincipalForAsync(Legal)))
        {
            var templates = scope.ServiceProvider.GetRequiredService<AgreementTemplates>();
            await using var db = portal.CreateDbContext();
            var current = await db.AgreementTemplates.Where(t => t.Kind == AgreementKind.Dpa).OrderByDescending(t => t.Version).FirstAsync();
            var (published, errors) = await templates.PublishAsync(AgreementKind.Dpa, current.Title, current.Body + "\n## Annex IV: Contacts\nPrivacy contacts are listed in the portal.\n",
                new DateOnly(2027, 1, 1), "Adds a contacts annex.");
            Assert.True(published is not null, string.Join(" ", errors));
        }

        await using (var db = portal.CreateDbContext())
        {
            var acme = await db.Organizations.SingleAsync(o => o.Name == "Acme Corporation");
            var gdpr = await db.Attestations.SingleAsync(a => a.OrganizationId == acme.Id && a.Framework == ComplianceFramework.Gdpr);
            Assert.Equal(AttestationStatus.Superseded, gdpr.Status);
        }
        using var client = await SignedInAsync("customer@acme.example");
        var portalPage = await client.GetDocumentAsync("/portal");
        Assert.Contains("Your DPA is on version 1; version 2 is available.", portalPage.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmittingABaaRequest_MarksHipaaRequested()
    {
        await using (var scope = portal.ScopeAs(await portal.PrincipalForAsync("customer@acme.example")))
        {
            var result = await scope.ServiceProvider.GetRequiredService<BaaCustomerService>().SubmitAsync(BaaFlowTests.BaaTestUseCase());
            Assert.True(result.Succeeded, result.Message);
        }

        await using var db = portal.CreateDbContext();
        var acme = await db.Organizations.SingleAsync(o => o.Name == "Acme Corporation");
        Assert.Equal(AttestationStatus.Requested, (await db.Attestations.SingleAsync(a => a.OrganizationId == acme.Id && a.Framework == ComplianceFramework.Hipaa)).Status);
    }

    private async Task<PortalClient> SignedInAsync(string email)
    {
        var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync(email, PortalFactory.DemoPassword);
        return client;
    }
}
