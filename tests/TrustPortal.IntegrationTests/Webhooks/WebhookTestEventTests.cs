using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Web.Features.Webhooks;

namespace TrustPortal.IntegrationTests.Webhooks;

/// <summary>
/// "Send a test event": one signed webhook.test event to the chosen endpoint only, delivered and logged like any other,
/// and audited; a disabled endpoint is refused and gets nothing.
/// </summary>
public sealed class WebhookTestEventTests(WebhookPortal portal) : WebhookReceiverTest(portal), IClassFixture<WebhookPortal>
{
    [Fact]
    public async Task SendTest_DeliversOneSignedTestEvent_ToThatEndpointOnly_AndAuditsIt()
    {
        await using var other = new WebhookReceiver(() => Portal.Time.GetUtcNow());
        var endpoint = await Portal.RegisterAsync(Receiver, WebhookEventTypes.AgreementVoided);
        await Portal.RegisterAsync(other, WebhookEventTypes.AgreementVoided);

        var result = await SendTestAsync(endpoint);
        await Portal.Sender.RunOnceAsync(CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        var received = Assert.Single(Receiver.Received);
        Assert.True(received.Verified, "The receiver could not verify the signature.");
        Assert.Equal(200, received.Answered);
        using (var body = JsonDocument.Parse(received.Body))
        {
            Assert.Equal(WebhookEventTypes.Test, body.RootElement.GetProperty("type").GetString());
            Assert.Equal(endpoint, body.RootElement.GetProperty("data").GetProperty("endpointId").GetGuid());
        }
        Assert.Empty(other.Received);
        await using var db = Portal.CreateDbContext();
        var message = await db.WebhookMessages.AsNoTracking().SingleAsync(m => m.EndpointId == endpoint);
        Assert.Equal(WebhookMessageStatus.Delivered, message.Status);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "webhook.endpoint.tested" && e.EntityId == endpoint.ToString()));
    }

    [Fact]
    public async Task SendTest_ToADisabledEndpoint_IsRefusedWithAMessage_AndQueuesNothing()
    {
        var endpoint = await Portal.RegisterAsync(Receiver, WebhookEventTypes.AgreementVoided);
        await using (var scope = Portal.ScopeAs(await Portal.PrincipalForAsync("admin@trustportal.local")))
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<WebhookAdmin>().DisableAsync(endpoint)).Succeeded);
        }

        var result = await SendTestAsync(endpoint);
        await Portal.Sender.RunOnceAsync(CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("disabled", result.Error, StringComparison.Ordinal);
        Assert.Empty(Receiver.Received);
        await using var db = Portal.CreateDbContext();
        Assert.False(await db.WebhookMessages.AnyAsync(m => m.EndpointId == endpoint));
    }

    private async Task<WebhookSaveResult> SendTestAsync(Guid endpoint)
    {
        await using var scope = Portal.ScopeAs(await Portal.PrincipalForAsync("admin@trustportal.local"));
        return await scope.ServiceProvider.GetRequiredService<WebhookAdmin>().SendTestAsync(endpoint);
    }
}
