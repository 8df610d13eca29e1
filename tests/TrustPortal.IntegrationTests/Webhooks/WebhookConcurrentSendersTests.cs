using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Web.Features.Webhooks;

namespace TrustPortal.IntegrationTests.Webhooks;

/// <summary>Several senders on one database, as several instances run them: each message reaches the receiver once.</summary>
public sealed class WebhookConcurrentSendersTests(WebhookPortal portal) : IClassFixture<WebhookPortal>
{
    private const int Events = 40;

    [Fact]
    public async Task FourSendersAtOnce_DeliverEveryMessageExactlyOnce()
    {
        await portal.TakeOverSendingAsync();
        await using var receiver = new WebhookReceiver(() => portal.Time.GetUtcNow());
        var endpoint = await portal.RegisterAsync(receiver, WebhookEventTypes.AttestationChanged);
        var ids = new List<string>();
        for (var i = 0; i < Events; i++)
        {
            ids.Add(await portal.RaiseAsync(WebhookEventTypes.AttestationChanged, new { sequence = i }));
        }

        var senders = Enumerable.Range(0, 4).Select(_ => ActivatorUtilities.CreateInstance<WebhookSender>(portal.Services)).ToList();
        using var start = new Barrier(senders.Count);
        var delivered = await Task.WhenAll(senders.Select(sender => Task.Run(async () =>
        {
            start.SignalAndWait();
            var total = 0;
            for (var round = 0; round < 5; round++)
            {
                total += await sender.RunOnceAsync(CancellationToken.None);
            }
            return total;
        })));

        Assert.Equal(Events, delivered.Sum());
        Assert.Equal(ids.Order(StringComparer.Ordinal), receiver.Received.Select(r => r.WebhookId).Order(StringComparer.Ordinal));
        Assert.All(receiver.Received, r => Assert.True(r.Verified && r.Answered == 200));
        await using var db = portal.CreateDbContext();
        var messages = await db.WebhookMessages.AsNoTracking().Where(m => m.EndpointId == endpoint).ToListAsync();
        Assert.Equal(Events, messages.Count);
        Assert.All(messages, m => Assert.Equal((WebhookMessageStatus.Delivered, 1, (string?)null), (m.Status, m.Attempts, m.ClaimedBy)));
        Assert.Equal(Events, await db.WebhookAttempts.CountAsync(a => messages.Select(m => m.Id).Contains(a.MessageId)));
    }
}
