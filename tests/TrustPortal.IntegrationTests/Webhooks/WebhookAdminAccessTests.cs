using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Web.Features.Webhooks;

namespace TrustPortal.IntegrationTests.Webhooks;

/// <summary>The services check the Admin role themselves: staff of other roles and customers can neither see nor change endpoints.</summary>
public sealed class WebhookAdminAccessTests(StrictWebhookPortal portal) : IClassFixture<StrictWebhookPortal>
{
    [Theory]
    [InlineData("legal@trustportal.local")]
    [InlineData("sales@trustportal.local")]
    [InlineData("customer@acme.example")]
    public async Task NonAdmins_CannotRegisterListResendOrTest(string email)
    {
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(email));
        var admin = scope.ServiceProvider.GetRequiredService<WebhookAdmin>();
        var log = scope.ServiceProvider.GetRequiredService<WebhookDeliveryLog>();

        var created = await admin.CreateAsync(new WebhookEndpointForm { Url = "https://8.8.8.8/hooks", Events = [WebhookEventTypes.AgreementExecuted] });

        Assert.Equal(WebhookAdmin.NotAdmin, created.Error);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => admin.ListAsync());
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => log.GetPageAsync(Guid.NewGuid(), null, 0, 10));
        Assert.False((await log.ResendAsync(Guid.NewGuid())).Succeeded);
        Assert.False((await admin.RotateSecretAsync(Guid.NewGuid())).Succeeded);
        Assert.Equal(WebhookAdmin.NotAdmin, (await admin.SendTestAsync(Guid.NewGuid())).Error);
        await using var db = portal.CreateDbContext();
        Assert.False(await db.WebhookEndpoints.AnyAsync(e => e.Url == "https://8.8.8.8/hooks"));
    }
}
