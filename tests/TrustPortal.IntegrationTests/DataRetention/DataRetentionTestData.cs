using TrustPortal.IntegrationTests.Baa;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Baa;
using TrustPortal.Web.Features.DataRetention;

namespace TrustPortal.IntegrationTests.DataRetention;

/// <summary>Valid data-retention forms and submitted requests, each for a fresh organization.</summary>
internal static class DataRetentionTestData
{
    public static DataRetentionForm Form(string legalName, int? customDays = null) => new()
    {
        LegalName = legalName,
        Address = "2 Retention Road\nSpringfield",
        Country = "United States",
        Endpoints = [DataRetentionChoices.Endpoints[0], DataRetentionChoices.Endpoints[1]],
        DataCategories = [DataRetentionChoices.DataCategories[1]],
        Volume = MonthlyVolume.UpTo100k,
        Retention = customDays is null ? RetentionKind.Zero : RetentionKind.Custom,
        RetentionDays = customDays,
        Justification = "Our hospital contracts forbid any copy of patient notes outside our own systems.",
    };

    /// <summary>A new organization with one member and its submitted request.</summary>
    public static async Task<(Guid Id, string CustomerEmail)> SubmitNewAsync(PortalFactory portal, string organizationName, int? customDays = null)
    {
        var email = await BaaTestData.CreateCustomerAsync(portal, organizationName);
        var result = await BaaTestData.AsAsync<DataRetentionCustomerService, BaaResult>(portal, email, s => s.SubmitAsync(Form($"{organizationName} Ltd", customDays)));
        Assert.True(result.Succeeded, result.Message);
        return (result.Id!.Value, email);
    }
}
