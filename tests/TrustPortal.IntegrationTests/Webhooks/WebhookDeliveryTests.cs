using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Agreements.Library;
using TrustPortal.Web.Features.Webhooks;

namespace TrustPortal.IntegrationTests.Webhooks;

/// <summary>
/// Webhooks from a real state change to a real Receiver: signed, retried with back-off, delivered once; an endpoint that
/// keeps failing is disabled and its messages can be resent.
/// </summary>
public sealed class WebhookDeliveryTests(WebhookPortal portal) : WebhookReceiverTest(portal), IClassFixture<WebhookPortal>
{
    [Fact]
    public async Task VoidedAgreement_ReceiverFailsTwice_GetsTheSignedEventExactlyOnceAfterBackoff()
    {
        var endpoint = await Portal.RegisterAsync(Receiver, WebhookEventTypes.AgreementVoided);
        var (agreementId, number) = await ExecutedAgreementAsync();
        await using (var legal = Portal.ScopeAs(await Portal.PrincipalForAsync("legal@trustportal.local")))
        {
            Assert.True((await legal.ServiceProvider.GetRequiredService<AgreementLibrary>().VoidAsync(agreementId, "Signed in error.")).Succeeded);
        }
        // Raised in the void's own transaction, with the attestations it moved back.
        var webhookId = await EventIdAsync(WebhookEventTypes.AgreementVoided, number);
        Assert.NotNull(await EventIdAsync(WebhookEventTypes.AttestationChanged, $"{number} voided"));
        Receiver.FailFirst(webhookId, 2);

        await Portal.Sender.RunOnceAsync(CancellationToken.None);
        var first = await Portal.MessageAsync(endpoint, webhookId);
        Assert.Equal((WebhookMessageStatus.Pending, 1, 500), (first.Status, first.Attempts, first.LastStatusCode));
        Assert.InRange(first.NextAttemptAtUtc - Portal.Time.GetUtcNow().UtcDateTime, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6));

        Portal.Time.Advance(TimeSpan.FromSeconds(10));
        await Portal.Sender.RunOnceAsync(CancellationToken.None);
        // Not due yet: the third attempt waits about five minutes.
        await Portal.Sender.RunOnceAsync(CancellationToken.None);
        Assert.Equal(2, Receiver.For(webhookId).Count);

        Portal.Time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(1, await Portal.Sender.RunOnceAsync(CancellationToken.None));
        Portal.Time.Advance(TimeSpan.FromDays(2));
        await Portal.Sender.RunOnceAsync(CancellationToken.None);

        var requests = Receiver.For(webhookId);
        Assert.Equal([500, 500, 200], requests.Select(r => r.Answered));
        Assert.All(requests, r => Assert.True(r.Verified, "The Receiver could not verify the signature or the timestamp."));
        var accepted = Assert.Single(requests, r => r.Answered == 200);
        using var payload = JsonDocument.Parse(accepted.Body);
        Assert.Equal(WebhookEventTypes.AgreementVoided, payload.RootElement.GetProperty("type").GetString());
        Assert.Equal(number, payload.RootElement.GetProperty("data").GetProperty("number").GetString());
        Assert.Equal("Voided", payload.RootElement.GetProperty("data").GetProperty("status").GetString());

        await using var admin = Portal.ScopeAs(await Portal.PrincipalForAsync("admin@trustportal.local"));
        var log = admin.ServiceProvider.GetRequiredService<WebhookDeliveryLog>();
        var (items, _) = await log.GetPageAsync(endpoint, null, 0, 50);
        var item = Assert.Single(items, m => m.WebhookId == webhookId);
        Assert.Equal((WebhookMessageStatus.Delivered, 3), (item.Status, item.Attempts));
        Assert.Equal([500, 500, 200], (await log.GetAttemptsAsync(item.Id)).Select(a => a.StatusCode));
        var health = await Portal.EndpointAsync(endpoint);
        Assert.Equal((0, null, true), (health.ConsecutiveFailures, health.FailingSinceUtc, health.Enabled));
    }

    [Fact]
    public async Task FanOut_SendsEachEndpointOnlyTheEventsItChose_AndDropsEventsNobodyWants()
    {
        await using var other = new WebhookReceiver(() => Portal.Time.GetUtcNow());
        var decisions = await Portal.RegisterAsync(Receiver, WebhookEventTypes.AgreementVoided, WebhookEventTypes.BaaDecided);
        var submissions = await Portal.RegisterAsync(other, WebhookEventTypes.BaaSubmitted);
        var voided = await Portal.RaiseAsync(WebhookEventTypes.AgreementVoided, new { number = "DPA-TEST" });
        var submitted = await Portal.RaiseAsync(WebhookEventTypes.BaaSubmitted, new { reference = "BAA-TEST" });
        var unwanted = await Portal.RaiseAsync(WebhookEventTypes.DataSharingChanged, new { optedIn = false });

        await Portal.Sender.RunOnceAsync(CancellationToken.None);

        Assert.Equal([voided], Receiver.Received.Select(r => r.WebhookId));
        Assert.Equal([submitted], other.Received.Select(r => r.WebhookId));
        await using var db = Portal.CreateDbContext();
        Assert.Equal(1, await db.WebhookMessages.CountAsync(m => m.EndpointId == decisions));
        Assert.Equal(1, await db.WebhookMessages.CountAsync(m => m.EndpointId == submissions));
        Assert.False(await db.WebhookEvents.AnyAsync(e => e.MessageId == unwanted));
    }

    [Fact]
    public async Task Endpoint_FailingEveryAttemptForItsRetryPeriod_IsDisabled_AdminsAreTold_AndResendDeliversTheSameMessage()
    {
        var endpoint = await Portal.RegisterAsync(Receiver, WebhookEventTypes.SubprocessorsPublished);
        var webhookId = await Portal.RaiseAsync(WebhookEventTypes.SubprocessorsPublished, new { version = 99 });
        Receiver.FailFirst(webhookId, 1000);

        var started = Portal.Time.GetUtcNow();
        await Portal.Sender.RunOnceAsync(CancellationToken.None);
        for (var round = 0; round < 20 && (await Portal.MessageAsync(endpoint, webhookId)) is { Status: WebhookMessageStatus.Pending } pending; round++)
        {
            Portal.Time.Advance(pending.NextAttemptAtUtc - Portal.Time.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(1));
            await Portal.Sender.RunOnceAsync(CancellationToken.None);
        }

        var failed = await Portal.MessageAsync(endpoint, webhookId);
        Assert.Equal(WebhookMessageStatus.Failed, failed.Status);
        Assert.Equal(7, failed.Attempts);
        Assert.InRange(failed.FailedAtUtc!.Value - started.UtcDateTime, TimeSpan.FromHours(15), TimeSpan.FromHours(24));
        var disabled = await Portal.EndpointAsync(endpoint);
        Assert.False(disabled.Enabled);
        Assert.Contains("failed every attempt", disabled.DisabledReason, StringComparison.Ordinal);
        await using (var db = Portal.CreateDbContext())
        {
            Assert.True(await db.OutboxMessages.AnyAsync(m => m.To == "admin@trustportal.local" && m.Subject.Contains("webhook endpoint was disabled")
                && m.TextBody.Contains(Receiver.Url.ToString())));
            Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "webhook.endpoint.disabled" && e.EntityId == endpoint.ToString()));
        }

        // Disabled: new events are not queued for it.
        var missed = await Portal.RaiseAsync(WebhookEventTypes.SubprocessorsPublished, new { version = 100 });
        await Portal.Sender.RunOnceAsync(CancellationToken.None);
        Assert.Empty(Receiver.For(missed));

        await using var admin = Portal.ScopeAs(await Portal.PrincipalForAsync("admin@trustportal.local"));
        Assert.True((await admin.ServiceProvider.GetRequiredService<WebhookAdmin>().EnableAsync(endpoint)).Succeeded);
        Receiver.FailFirst(webhookId, 0);
        Assert.True((await admin.ServiceProvider.GetRequiredService<WebhookDeliveryLog>().ResendAsync(failed.Id)).Succeeded);
        Assert.Equal(1, await Portal.Sender.RunOnceAsync(CancellationToken.None));

        var resent = await Portal.MessageAsync(endpoint, webhookId);
        Assert.Equal((WebhookMessageStatus.Delivered, 8), (resent.Status, resent.Attempts));
        Assert.Single(Receiver.For(webhookId), r => r.Answered == 200 && r.Verified);
        Assert.True((await Portal.EndpointAsync(endpoint)).Enabled);
    }

    private async Task<(Guid Id, string Number)> ExecutedAgreementAsync()
    {
        await using var db = Portal.CreateDbContext();
        var agreement = await db.Agreements.AsNoTracking().Where(a => a.Status == AgreementStatus.Executed || a.Status == AgreementStatus.Superseded)
            .OrderByDescending(a => a.ExecutedAtUtc).Select(a => new { a.Id, a.Number }).FirstAsync();
        return (agreement.Id, agreement.Number);
    }

    private async Task<string> EventIdAsync(string type, string number)
    {
        await using var db = Portal.CreateDbContext();
        return await db.WebhookEvents.AsNoTracking().Where(e => e.Type == type && e.Payload.Contains(number)).Select(e => e.MessageId).FirstAsync();
    }
}
