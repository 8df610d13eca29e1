using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Agreements.Library;
using TrustPortal.Web.Features.Webhooks;

namespace TrustPortal.IntegrationTests.Webhooks;

/// <summary>
/// Webhooks from a real state change to a real receiver: signed, retried with back-off, delivered once; an endpoint that
/// keeps failing is disabled and its messages can be resent.
/// </summary>
public sealed class WebhookDeliveryTests : IClassFixture<WebhookPortal>, IDisposable
{
    private readonly WebhookPortal portal;
    private readonly WebhookReceiver receiver;

    public WebhookDeliveryTests(WebhookPortal portal)
    {
        this.portal = portal;
        receiver = new WebhookReceiver(() => portal.Time.GetUtcNow());
        portal.TakeOverSendingAsync().GetAwaiter().GetResult();
    }

    public void Dispose() => receiver.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Fact]
    public async Task VoidedAgreement_ReceiverFailsTwice_GetsTheSignedEventExactlyOnceAfterBackoff()
    {
        var endpoint = await portal.RegisterAsync(receiver, WebhookEventTypes.AgreementVoided);
        var (agreementId, number) = await ExecutedAgreementAsync();
        await using (var legal = portal.ScopeAs(await portal.PrincipalForAsync("legal@trustportal.local")))
        {
            Assert.True((await legal.ServiceProvider.GetRequiredService<AgreementLibrary>().VoidAsync(agreementId, "Signed in error.")).Succeeded);
        }
        // Raised in the void's own transaction, with the attestations it moved back.
        var webhookId = await EventIdAsync(WebhookEventTypes.AgreementVoided, number);
        Assert.NotNull(await EventIdAsync(WebhookEventTypes.AttestationChanged, $"{number} voided"));
        receiver.FailFirst(webhookId, 2);

        await portal.Sender.RunOnceAsync(CancellationToken.None);
        var first = await portal.MessageAsync(endpoint, webhookId);
        Assert.Equal((WebhookMessageStatus.Pending, 1, 500), (first.Status, first.Attempts, first.LastStatusCode));
        Assert.InRange(first.NextAttemptAtUtc - portal.Time.GetUtcNow().UtcDateTime, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6));

        portal.Time.Advance(TimeSpan.FromSeconds(10));
        await portal.Sender.RunOnceAsync(CancellationToken.None);
        // Not due yet: the third attempt waits about five minutes.
        await portal.Sender.RunOnceAsync(CancellationToken.None);
        Assert.Equal(2, receiver.For(webhookId).Count);

        portal.Time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(1, await portal.Sender.RunOnceAsync(CancellationToken.None));
        portal.Time.Advance(TimeSpan.FromDays(2));
        await portal.Sender.RunOnceAsync(CancellationToken.None);

        var requests = receiver.For(webhookId);
        Assert.Equal([500, 500, 200], requests.Select(r => r.Answered));
        Assert.All(requests, r => Assert.True(r.Verified, "The receiver could not verify the signature or the timestamp."));
        var accepted = Assert.Single(requests, r => r.Answered == 200);
        using var payload = JsonDocument.Parse(accepted.Body);
        Assert.Equal(WebhookEventTypes.AgreementVoided, payload.RootElement.GetProperty("type").GetString());
        Assert.Equal(number, payload.RootElement.GetProperty("data").GetProperty("number").GetString());
        Assert.Equal("Voided", payload.RootElement.GetProperty("data").GetProperty("status").GetString());

        await using var admin = portal.ScopeAs(await portal.PrincipalForAsync("admin@trustportal.local"));
        var log = admin.ServiceProvider.GetRequiredService<WebhookDeliveryLog>();
        var (items, _) = await log.GetPageAsync(endpoint, null, 0, 50);
        var item = Assert.Single(items, m => m.WebhookId == webhookId);
        Assert.Equal((WebhookMessageStatus.Delivered, 3), (item.Status, item.Attempts));
        Assert.Equal([500, 500, 200], (await log.GetAttemptsAsync(item.Id)).Select(a => a.StatusCode));
        var health = await portal.EndpointAsync(endpoint);
        Assert.Equal((0, null, true), (health.ConsecutiveFailures, health.FailingSinceUtc, health.Enabled));
    }

    [Fact]
    public async Task FanOut_SendsEachEndpointOnlyTheEventsItChose_AndDropsEventsNobodyWants()
    {
        await using var other = new WebhookReceiver(() => portal.Time.GetUtcNow());
        var decisions = await portal.RegisterAsync(receiver, WebhookEventTypes.AgreementVoided, WebhookEventTypes.BaaDecided);
        var submissions = await portal.RegisterAsync(other, WebhookEventTypes.BaaSubmitted);
        var voided = await portal.RaiseAsync(WebhookEventTypes.AgreementVoided, new { number = "DPA-TEST" });
        var submitted = await portal.RaiseAsync(WebhookEventTypes.BaaSubmitted, new { reference = "BAA-TEST" });
        var unwanted = await portal.RaiseAsync(WebhookEventTypes.DataSharingChanged, new { optedIn = false });

        await portal.Sender.RunOnceAsync(CancellationToken.None);

        Assert.Equal([voided], receiver.Received.Select(r => r.WebhookId));
        Assert.Equal([submitted], other.Received.Select(r => r.WebhookId));
        await using var db = portal.CreateDbContext();
        Assert.Equal(1, await db.WebhookMessages.CountAsync(m => m.EndpointId == decisions));
        Assert.Equal(1, await db.WebhookMessages.CountAsync(m => m.EndpointId == submissions));
        Assert.False(await db.WebhookEvents.AnyAsync(e => e.MessageId == unwanted));
    }

    [Fact]
    public async Task Endpoint_FailingEveryAttemptForItsRetryPeriod_IsDisabled_AdminsAreTold_AndResendDeliversTheSameMessage()
    {
        var endpoint = await portal.RegisterAsync(receiver, WebhookEventTypes.SubprocessorsPublished);
        var webhookId = await portal.RaiseAsync(WebhookEventTypes.SubprocessorsPublished, new { version = 99 });
        receiver.FailFirst(webhookId, 1000);

        var started = portal.Time.GetUtcNow();
        await portal.Sender.RunOnceAsync(CancellationToken.None);
        for (var round = 0; round < 20 && (await portal.MessageAsync(endpoint, webhookId)) is { Status: WebhookMessageStatus.Pending } pending; round++)
        {
            portal.Time.Advance(pending.NextAttemptAtUtc - portal.Time.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(1));
            await portal.Sender.RunOnceAsync(CancellationToken.None);
        }

        var failed = await portal.MessageAsync(endpoint, webhookId);
        Assert.Equal(WebhookMessageStatus.Failed, failed.Status);
        Assert.Equal(7, failed.Attempts);
        Assert.InRange(failed.FailedAtUtc!.Value - started.UtcDateTime, TimeSpan.FromHours(15), TimeSpan.FromHours(24));
        var disabled = await portal.EndpointAsync(endpoint);
        Assert.False(disabled.Enabled);
        Assert.Contains("failed every attempt", disabled.DisabledReason, StringComparison.Ordinal);
        await using (var db = portal.CreateDbContext())
        {
            Assert.True(await db.OutboxMessages.AnyAsync(m => m.To == "admin@trustportal.local" && m.Subject.Contains("webhook endpoint was disabled")
                && m.TextBody.Contains(receiver.Url.ToString())));
            Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "webhook.endpoint.disabled" && e.EntityId == endpoint.ToString()));
        }

        // Disabled: new events are not queued for it.
        var missed = await portal.RaiseAsync(WebhookEventTypes.SubprocessorsPublished, new { version = 100 });
        await portal.Sender.RunOnceAsync(CancellationToken.None);
        Assert.Empty(receiver.For(missed));

        await using var admin = portal.ScopeAs(await portal.PrincipalForAsync("admin@trustportal.local"));
        Assert.True((await admin.ServiceProvider.GetRequiredService<WebhookAdmin>().EnableAsync(endpoint)).Succeeded);
        receiver.FailFirst(webhookId, 0);
        Assert.True((await admin.ServiceProvider.GetRequiredService<WebhookDeliveryLog>().ResendAsync(failed.Id)).Succeeded);
        Assert.Equal(1, await portal.Sender.RunOnceAsync(CancellationToken.None));

        var resent = await portal.MessageAsync(endpoint, webhookId);
        Assert.Equal((WebhookMessageStatus.Delivered, 8), (resent.Status, resent.Attempts));
        Assert.Single(receiver.For(webhookId), r => r.Answered == 200 && r.Verified);
        Assert.True((await portal.EndpointAsync(endpoint)).Enabled);
    }

    private async Task<(Guid Id, string Number)> ExecutedAgreementAsync()
    {
        await using var db = portal.CreateDbContext();
        var agreement = await db.Agreements.AsNoTracking().Where(a => a.Status == AgreementStatus.Executed || a.Status == AgreementStatus.Superseded)
            .OrderByDescending(a => a.ExecutedAtUtc).Select(a => new { a.Id, a.Number }).FirstAsync();
        return (agreement.Id, agreement.Number);
    }

    private async Task<string> EventIdAsync(string type, string number)
    {
        await using var db = portal.CreateDbContext();
        return await db.WebhookEvents.AsNoTracking().Where(e => e.Type == type && e.Payload.Contains(number)).Select(e => e.MessageId).FirstAsync();
    }
}
