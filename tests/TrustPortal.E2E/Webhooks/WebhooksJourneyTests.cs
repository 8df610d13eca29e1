using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TrustPortal.E2E.Pages;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Webhooks;

namespace TrustPortal.E2E.Webhooks;

/// <summary>A portal whose receivers may be on this machine (127.0.0.1), so nothing is ever sent elsewhere.</summary>
public sealed class LoopbackWebhookPortal : PortalFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Webhooks:AllowPrivateAddresses"] = "true" };
}

public sealed class WebhookBrowserFixture() : BrowserFixture(new LoopbackWebhookPortal());

/// <summary>An Admin registers an endpoint, copies its secret once, reads the delivery log, resends a failed message and sends a test event.</summary>
public sealed class WebhooksJourneyTests(WebhookBrowserFixture fixture) : IClassFixture<WebhookBrowserFixture>
{
    // Port 9 (discard) on loopback: nothing listens, so every attempt fails at once without leaving the machine.
    private const string ReceiverUrl = "http://127.0.0.1:9/trustportal/hooks";

    [Fact]
    public async Task Admin_RegistersAnEndpoint_SeesTheSecretOnce_AndResendsAFailedMessage()
    {
        var admin = await Session.SignInAsync(fixture, "admin@trustportal.local");
        await admin.OpenAsync("/admin/webhooks");
        var webhooks = new WebhooksPage(admin);
        await Assertions.Expect(admin.GetByText("No endpoints yet")).ToBeVisibleAsync();

        await webhooks.RegisterAsync("ftp://files.example.com/drop", "CRM sync", WebhookEventTypes.AgreementExecuted);
        await Assertions.Expect(admin.GetByText("Only http and https addresses can receive webhooks.")).ToBeVisibleAsync();
        await Assertions.Expect(webhooks.Secret).ToHaveCountAsync(0);

        await admin.GetByLabel("Receiver URL").FillAsync(ReceiverUrl);
        await admin.GetByRole(AriaRole.Checkbox, new() { Name = WebhookEventTypes.BaaDecided }).CheckAsync();
        await admin.ClickButtonAsync("Register endpoint");
        await Assertions.Expect(webhooks.Secret).ToContainTextAsync("whsec_");
        await Assertions.Expect(webhooks.Row("CRM sync")).ToContainTextAsync("Active");
        var endpointId = await ArrangeDeliveriesAsync();
        await admin.OpenAsync("/admin/webhooks");
        await Assertions.Expect(webhooks.Secret).ToHaveCountAsync(0);
        await Assertions.Expect(webhooks.Row("CRM sync")).ToContainTextAsync("1 waiting, 1 failed");
        await Layout.LayoutTests.ScreenshotsAsync(admin, "admin", "admin/webhooks/registered");

        await admin.GetByRole(AriaRole.Link, new() { Name = $"Manage and see deliveries: {ReceiverUrl}" }).ClickAsync();
        await admin.WaitForURLAsync($"**/admin/webhooks/{endpointId}");
        await admin.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var rows = admin.Locator(".mud-table-body tr");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Attempts and payload of msg_failed" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Region, new() { Name = "Message details" })).ToContainTextAsync("HTTP 503 Service Unavailable");
        await Layout.LayoutTests.ScreenshotsAsync(admin, "admin", "admin/webhooks/id");

        await admin.GetByRole(AriaRole.Button, new() { Name = "Resend msg_failed" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync("Resending msg_failed now");
        await Assertions.Expect(rows.Filter(new() { HasText = "msg_failed" })).ToContainTextAsync("Retrying");
        // The portal's own sender makes the attempt (to the closed loopback port); the log then lists it.
        for (var wait = 0; wait < 100 && await AttemptsAsync("msg_failed") < 8; wait++)
        {
            await Task.Delay(100);
        }
        await admin.GetByRole(AriaRole.Button, new() { Name = "Attempts and payload of msg_failed" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Region, new() { Name = "Message details" })).ToContainTextAsync("8.");
        await Assertions.Expect(admin.GetByRole(AriaRole.Region, new() { Name = "Message details" })).ToContainTextAsync("No answer");

        await admin.ClickButtonAsync("Send a test event");
        await Assertions.Expect(admin.Locator(".mud-snackbar", new() { HasText = "Test event queued" })).ToBeVisibleAsync();
        await Assertions.Expect(rows.Filter(new() { HasText = WebhookEventTypes.Test })).ToHaveCountAsync(1);
        await Assertions.Expect(rows).ToHaveCountAsync(4);
    }

    private async Task<int> AttemptsAsync(string webhookId)
    {
        await using var db = fixture.Portal.CreateDbContext();
        return await db.WebhookMessages.Where(m => m.Event!.MessageId == webhookId).Select(m => m.Attempts).SingleAsync();
    }

    /// <summary>What a day of deliveries leaves: one delivered, one still retrying, one that ran out of time.</summary>
    private async Task<Guid> ArrangeDeliveriesAsync()
    {
        var now = DateTime.UtcNow;
        await using var db = fixture.Portal.CreateDbContext();
        var endpoint = await db.WebhookEndpoints.SingleAsync(e => e.Description == "CRM sync");
        (string Id, string Type, WebhookMessageStatus Status, int?[] Answers)[] messages =
        [
            ("msg_delivered", WebhookEventTypes.AgreementExecuted, WebhookMessageStatus.Delivered, [200]),
            ("msg_retrying", WebhookEventTypes.BaaDecided, WebhookMessageStatus.Pending, [502, null]),
            ("msg_failed", WebhookEventTypes.AgreementExecuted, WebhookMessageStatus.Failed, [503, 503, 503, 503, 503, 503, 503]),
        ];
        foreach (var (id, type, status, answers) in messages)
        {
            var raised = new WebhookEvent
            {
                MessageId = id, Type = type, OccurredAtUtc = now.AddHours(-20), FannedOutAtUtc = now.AddHours(-20),
                Payload = $$$"""{"type":"{{{type}}}","timestamp":"2026-12-01T09:00:00.000Z","data":{"number":"DPA-2026-000042"}}""",
            };
            var message = new WebhookMessage
            {
                EndpointId = endpoint.Id, EventId = raised.Id, Status = status, Attempts = answers.Length, CreatedAtUtc = raised.OccurredAtUtc,
                RetryingSinceUtc = raised.OccurredAtUtc, NextAttemptAtUtc = now.AddHours(2), LastStatusCode = answers[^1],
                LastError = status == WebhookMessageStatus.Delivered ? null : answers[^1] is { } code ? $"HTTP {code} Service Unavailable" : "No answer: Connection refused",
                DeliveredAtUtc = status == WebhookMessageStatus.Delivered ? now.AddHours(-20) : null,
                FailedAtUtc = status == WebhookMessageStatus.Failed ? now.AddHours(-2) : null,
            };
            db.WebhookEvents.Add(raised);
            db.WebhookMessages.Add(message);
            db.WebhookAttempts.AddRange(answers.Select((code, i) => new WebhookAttempt
            {
                MessageId = message.Id, AttemptedAtUtc = raised.OccurredAtUtc.AddHours(i * 3), StatusCode = code, Succeeded = code == 200,
                Error = code == 200 ? null : code is null ? "No answer: Connection refused" : $"HTTP {code} Service Unavailable", DurationMs = 120 + i,
            }));
        }
        await db.SaveChangesAsync();
        return endpoint.Id;
    }
}
