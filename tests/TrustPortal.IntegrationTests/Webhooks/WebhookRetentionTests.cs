using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Web.Features.Webhooks;

namespace TrustPortal.IntegrationTests.Webhooks;

/// <summary>
/// The delivery log keeps finished deliveries for Webhooks:KeepDeliveriesFor: older ones go with their messages and
/// attempts, while a message still waiting and recent deliveries stay.
/// </summary>
public sealed class WebhookRetentionTests(WebhookPortal portal) : WebhookReceiverTest(portal), IClassFixture<WebhookPortal>
{
    [Fact]
    public async Task TheSendersHourlyCleanUp_DeletesOnlyDeliveriesFinishedLongerAgoThanKept_WithTheirAttempts()
    {
        var keepFor = Portal.Services.GetRequiredService<IOptions<WebhookOptions>>().Value.KeepDeliveriesFor;
        var endpoint = await Portal.RegisterAsync(Receiver, WebhookEventTypes.AgreementVoided);
        var old = await Portal.RaiseAsync(WebhookEventTypes.AgreementVoided, new { number = "DPA-OLD" });
        await Portal.Sender.RunOnceAsync(CancellationToken.None);
        var waiting = await Portal.RaiseAsync(WebhookEventTypes.AgreementVoided, new { number = "DPA-WAITING" });
        Receiver.FailFirst(waiting, 1000);
        await Portal.Sender.RunOnceAsync(CancellationToken.None);
        Portal.Time.Advance(keepFor + TimeSpan.FromDays(1));
        // Still waiting: a resend after an outage, say, keeps its whole history.
        await using (var db = Portal.CreateDbContext())
        {
            await db.WebhookMessages.Where(m => m.Event!.MessageId == waiting)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAtUtc, Portal.Time.GetUtcNow().UtcDateTime.AddHours(1)));
        }
        var recent = await Portal.RaiseAsync(WebhookEventTypes.AgreementVoided, new { number = "DPA-RECENT" });

        // More than an hour after its last clean-up, the sender cleans up before it sends.
        await Portal.Sender.RunOnceAsync(CancellationToken.None);

        Assert.Equal(2, Receiver.Received.Count(r => r.Answered == 200));
        await using var check = Portal.CreateDbContext();
        Assert.Equal(0, await WebhookRetention.CleanUpAsync(check, Portal.Time.GetUtcNow().UtcDateTime, keepFor, CancellationToken.None));
        var events = await check.WebhookEvents.AsNoTracking().Select(e => e.MessageId).ToListAsync();
        Assert.DoesNotContain(old, events);
        Assert.Contains(waiting, events);
        Assert.Contains(recent, events);
        var messages = await check.WebhookMessages.AsNoTracking().Where(m => m.EndpointId == endpoint).Select(m => m.Id).ToListAsync();
        Assert.Equal(2, messages.Count);
        Assert.All(await check.WebhookAttempts.AsNoTracking().Select(a => a.MessageId).Distinct().ToListAsync(), id => Assert.Contains(id, messages));
    }
}
