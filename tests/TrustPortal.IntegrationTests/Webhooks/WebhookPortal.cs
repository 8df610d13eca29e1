using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Webhooks;

namespace TrustPortal.IntegrationTests.Webhooks;

/// <summary>
/// The portal on a clock the test moves, with its own webhook sender stopped so the test decides when a round of
/// deliveries runs. Receivers on 127.0.0.1 need <see cref="AllowPrivateAddresses"/>; the strict portal keeps the default.
/// </summary>
public class WebhookPortal : PortalFactory
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected override TimeProvider? Clock => Time;

    protected virtual bool AllowPrivateAddresses => true;

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Webhooks:AllowPrivateAddresses"] = AllowPrivateAddresses ? "true" : "false",
        ["Webhooks:Timeout"] = "00:00:05",
    };

    public WebhookSender Sender => Services.GetRequiredService<WebhookSender>();

    private bool hostSenderStopped;

    /// <summary>Stops the host's own sender (once) and clears events raised before the test (the demo seed's).</summary>
    public async Task TakeOverSendingAsync()
    {
        _ = BaseAddress;
        if (!hostSenderStopped)
        {
            await Sender.StopAsync(CancellationToken.None);
            hostSenderStopped = true;
        }
        await Sender.RunOnceAsync(CancellationToken.None);
    }

    public async Task<WebhookSaveResult> RegisterAsync(string url, params string[] events)
    {
        await using var scope = ScopeAs(await PrincipalForAsync("admin@trustportal.local"));
        return await scope.ServiceProvider.GetRequiredService<WebhookAdmin>()
            .CreateAsync(new WebhookEndpointForm { Url = url, Description = "Test receiver", Events = [.. events] });
    }

    /// <summary>Registers <paramref name="receiver"/> and hands it the secret the portal showed.</summary>
    public async Task<Guid> RegisterAsync(WebhookReceiver receiver, params string[] events)
    {
        var result = await RegisterAsync(receiver.Url.ToString(), events);
        Assert.True(result.Succeeded, result.Error);
        receiver.Secret = result.Secret;
        return result.Id!.Value;
    }

    /// <summary>Raises an event the way a feature does, in its own committed unit of work; returns its webhook-id.</summary>
    public async Task<string> RaiseAsync(string type, object data)
    {
        await using var db = CreateDbContext();
        WebhookEvents.Raise(db, type, data, Time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
        return db.WebhookEvents.Local.Single().MessageId;
    }

    public async Task<WebhookMessage> MessageAsync(Guid endpointId, string webhookId)
    {
        await using var db = CreateDbContext();
        return await db.WebhookMessages.AsNoTracking().SingleAsync(m => m.EndpointId == endpointId && m.Event!.MessageId == webhookId);
    }

    public async Task<WebhookEndpoint> EndpointAsync(Guid id)
    {
        await using var db = CreateDbContext();
        return await db.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == id);
    }
}

/// <summary>The portal as installed: receivers on private, loopback and link-local addresses are refused.</summary>
public sealed class StrictWebhookPortal : WebhookPortal
{
    protected override bool AllowPrivateAddresses => false;
}
