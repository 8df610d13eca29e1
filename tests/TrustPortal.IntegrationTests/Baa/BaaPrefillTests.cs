using TrustPortal.Testing;
using TrustPortal.Web.Features.Baa;

namespace TrustPortal.IntegrationTests.Baa;

/// <summary>A new BAA request starts from the legal entity in the organization's own executed DPA, and never another's.</summary>
public sealed class BaaPrefillTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task EntityFromDpa_ForAnOrganizationWithAnExecutedDpa_IsThatDpasLegalEntity()
    {
        var entity = await BaaTestData.AsAsync<BaaCustomerService, Web.Features.Agreements.PartyDetails?>(portal, BaaTestData.Acme, s => s.GetEntityFromDpaAsync());

        Assert.NotNull(entity);
        Assert.Equal("Acme Corporation", entity.LegalName);
        Assert.Equal("1 Roadrunner Way\nPhoenix, AZ 85001", entity.Address);
        Assert.Equal("United States", entity.Country);
    }

    [Fact]
    public async Task EntityFromDpa_ForAnOrganizationWithout_IsNull_NotAnotherOrganizations()
    {
        var email = await BaaTestData.CreateCustomerAsync(portal, $"Initech {BaaTestData.NewTag()}");

        var entity = await BaaTestData.AsAsync<BaaCustomerService, Web.Features.Agreements.PartyDetails?>(portal, email, s => s.GetEntityFromDpaAsync());

        Assert.Null(entity);
    }

    [Fact]
    public async Task EntityFromDpa_ForStaff_IsNull()
    {
        var entity = await BaaTestData.AsAsync<BaaCustomerService, Web.Features.Agreements.PartyDetails?>(portal, BaaTestData.Sales, s => s.GetEntityFromDpaAsync());

        Assert.Null(entity);
    }

    [Fact]
    public async Task RequestPage_ForAcme_ShowsTheAddressFromItsDpa()
    {
        using var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync(BaaTestData.Acme, PortalFactory.DemoPassword);

        var page = await client.GetDocumentAsync("/baa/new");

        Assert.NotNull(page.QuerySelector("[data-prefilled=dpa]"));
        Assert.Contains("1 Roadrunner Way", page.Body!.InnerHtml, StringComparison.Ordinal);
    }
}
