using TrustPortal.Web.Features.Webhooks;

namespace TrustPortal.IntegrationTests.Webhooks;

/// <summary>A portal whose sender would look for due messages only every ten minutes on its own.</summary>
public sealed class SlowPollWebhookPortal : WebhookPortal
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>(base.ExtraSettings)
    {
        ["Webhooks:PollInterval"] = "00:10:00",
    };
}

/// <summary>
/// Saving a change that raises an event wakes this instance's sender: the receiver hears of it within moments, not at
/// the next poll.
/// </summary>
public sealed class WebhookWakeUpTests(SlowPollWebhookPortal portal) : IClassFixture<SlowPollWebhookPortal>, IAsyncDisposable
{
    private readonly WebhookReceiver receiver = new(() => portal.Time.GetUtcNow());

    [Fact]
    public async Task ARaisedEvent_ReachesTheReceiver_LongBeforeTheNextPoll()
    {
        await portal.RegisterAsync(receiver, WebhookEventTypes.AgreementVoided);

        var raised = await portal.RaiseAsync(WebhookEventTypes.AgreementVoided, new { number = "DPA-WAKE" });

        // The host's own sender runs (the test does not take it over) and polls every ten minutes.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (receiver.For(raised).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        var received = Assert.Single(receiver.For(raised));
        Assert.True(received.Verified);
    }

    public ValueTask DisposeAsync() => receiver.DisposeAsync();
}
