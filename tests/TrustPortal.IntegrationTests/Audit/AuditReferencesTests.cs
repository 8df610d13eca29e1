using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Audit;

namespace TrustPortal.IntegrationTests.Audit;

/// <summary>The audit trail names what each event is about the way people do (DPA-2026-000001, BAA-R-0001), and finds it by that name.</summary>
public sealed class AuditReferencesTests : IClassFixture<PortalFactory>
{
    private const string Legal = "legal@trustportal.local";
    private readonly PortalFactory portal;

    public AuditReferencesTests(PortalFactory portal) => this.portal = portal;

    private async Task<List<AuditRow>> PageAsync(AuditFilter filter)
    {
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(Legal));
        var (items, _) = await scope.ServiceProvider.GetRequiredService<AuditLog>().GetPageAsync(0, 200, filter);
        return items;
    }

    [Fact]
    public async Task Page_ShowsAgreementNumbersAndBaaReferences_NotIds()
    {
        await using var db = portal.CreateDbContext();
        var agreement = await db.Agreements.OrderBy(a => a.Number).FirstAsync();
        var request = await db.BaaRequests.OrderBy(r => r.Reference).FirstAsync();

        var rows = await PageAsync(new AuditFilter());

        var executed = Assert.Single(rows, r => r.Event.EntityType == "Agreement" && r.Event.EntityId == agreement.Id.ToString() && r.Event.Action == "agreement.executed");
        Assert.Equal(agreement.Number, executed.Reference);
        var submitted = rows.First(r => r.Event.EntityType == "BaaRequest" && r.Event.EntityId == request.Id.ToString());
        Assert.StartsWith(AuditReferences.BaaReference(request.Reference), submitted.Reference, StringComparison.Ordinal);
        Assert.All(rows.Where(r => r.Event.EntityType is "Agreement" or "BaaRequest" or "Organization" or "Attestation"),
            r => Assert.False(string.IsNullOrEmpty(r.Reference), $"{r.Event.EntityType} {r.Event.EntityId} has no reference"));
    }

    [Fact]
    public async Task Search_ByAgreementNumberOrBaaReference_FindsThatEntitysEvents()
    {
        await using var db = portal.CreateDbContext();
        var agreement = await db.Agreements.OrderBy(a => a.Number).FirstAsync();
        var request = await db.BaaRequests.OrderBy(r => r.Reference).FirstAsync();

        var byNumber = await PageAsync(new AuditFilter(Search: agreement.Number));
        Assert.Contains(byNumber, r => r.Event.EntityId == agreement.Id.ToString());

        var byReference = await PageAsync(new AuditFilter(Search: AuditReferences.BaaReference(request.Reference).ToLowerInvariant()));
        Assert.NotEmpty(byReference);
        Assert.Contains(byReference, r => r.Event.EntityId == request.Id.ToString());
        Assert.All(byReference.Where(r => r.Event.EntityType == "BaaRequest"), r => Assert.Equal(request.Id.ToString(), r.Event.EntityId));
    }

    [Fact]
    public async Task Search_ByOrganizationName_FindsItsEvents()
    {
        await using var db = portal.CreateDbContext();
        var organization = await db.Organizations.OrderBy(o => o.Name).FirstAsync(o => db.Attestations.Any(a => a.OrganizationId == o.Id));

        var rows = await PageAsync(new AuditFilter(Search: organization.Name));

        Assert.NotEmpty(rows);
        Assert.All(rows.Where(r => r.Event.EntityType == "Attestation"), r => Assert.Contains(organization.Name, r.Reference, StringComparison.Ordinal));
    }
}
