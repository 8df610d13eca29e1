using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Features.Webhooks;

namespace TrustPortal.IntegrationTests.Webhooks;

/// <summary>
/// With the default configuration the portal sends nothing to its own network: a receiver on a private, loopback or
/// link-local address is refused at registration, and at delivery when its address is such (an old row, a DNS change).
/// </summary>
public sealed class WebhookAddressTests(StrictWebhookPortal portal) : IClassFixture<StrictWebhookPortal>
{
    [Theory]
    [InlineData("http://10.1.2.3/hooks", "private")]
    [InlineData("https://192.168.0.10/hooks", "private")]
    [InlineData("http://172.20.0.1/", "private")]
    [InlineData("http://169.254.169.254/latest/meta-data", "link-local")]
    [InlineData("http://127.0.0.1:8080/hooks", "loopback")]
    [InlineData("http://localhost:8080/hooks", "loopback")]
    [InlineData("http://[::1]/hooks", "loopback")]
    [InlineData("http://[fd12:3456::1]/hooks", "private")]
    [InlineData("http://[fe80::1]/hooks", "link-local")]
    [InlineData("http://[::ffff:10.0.0.1]/hooks", "private")]
    [InlineData("http://100.64.0.1/hooks", "carrier-grade NAT")]
    [InlineData("http://0.0.0.0/hooks", "unspecified")]
    [InlineData("ftp://hooks.example.com/", "Only http and https")]
    [InlineData("https://user:pass@hooks.example.com/", "user names and passwords")]
    public async Task Register_PrivateOrInvalidAddress_IsRefusedWithAClearMessage_AndNothingIsStored(string url, string why)
    {
        await using (var db = portal.CreateDbContext())
        {
            await db.WebhookEndpoints.ExecuteDeleteAsync();
        }

        var result = await portal.RegisterAsync(url, WebhookEventTypes.AgreementExecuted);

        Assert.False(result.Succeeded);
        Assert.Equal(nameof(WebhookEndpointForm.Url), result.Field);
        Assert.Contains(why, result.Error, StringComparison.Ordinal);
        Assert.Null(result.Secret);
        await using var check = portal.CreateDbContext();
        Assert.Equal(0, await check.WebhookEndpoints.CountAsync());
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task Deliver_ToAnEndpointWhoseAddressIsLoopback_IsRefusedBeforeConnecting(string host)
    {
        await portal.TakeOverSendingAsync();
        await using var receiver = new WebhookReceiver(() => portal.Time.GetUtcNow());
        var endpoint = new WebhookEndpoint
        {
            // As stored before the name pointed here (DNS rebinding), or while private addresses were allowed.
            Url = $"http://{host}:{receiver.Url.Port}/hook", Secret = WebhookSignature.NewSecret(),
            EventTypes = [WebhookEventTypes.DataSharingChanged], CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        };
        await using (var db = portal.CreateDbContext())
        {
            db.WebhookEndpoints.Add(endpoint);
            await db.SaveChangesAsync();
        }
        var webhookId = await portal.RaiseAsync(WebhookEventTypes.DataSharingChanged, new { optedIn = true });

        Assert.Equal(0, await portal.Sender.RunOnceAsync(CancellationToken.None));

        Assert.Empty(receiver.Received);
        var message = await portal.MessageAsync(endpoint.Id, webhookId);
        Assert.Equal((WebhookMessageStatus.Pending, 1, (int?)null), (message.Status, message.Attempts, message.LastStatusCode));
        Assert.Contains("Refused", message.LastError, StringComparison.Ordinal);
        Assert.Contains("loopback", message.LastError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8.8.8.8", null)]
    [InlineData("2001:4860:4860::8888", null)]
    [InlineData("172.32.0.1", null)]
    [InlineData("198.18.0.1", "benchmarking")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("64:ff9b::a00:1", "private")]
    [InlineData("2002:c0a8:0101::1", "private")]
    public void WhyRefused_ClassifiesAddresses(string address, string? why)
    {
        var reason = WebhookAddresses.WhyRefused(System.Net.IPAddress.Parse(address));
        if (why is null)
        {
            Assert.Null(reason);
        }
        else
        {
            Assert.Contains(why, reason, StringComparison.Ordinal);
        }
    }
}
