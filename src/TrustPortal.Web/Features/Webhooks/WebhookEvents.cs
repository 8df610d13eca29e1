using System.Globalization;
using System.Text.Json;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Features.Webhooks;

/// <summary>
/// Raises webhook events into the caller's unit of work, so an event is stored if and only if the change it announces
/// commits. Features call this where their state changes; nothing here knows about them.
/// </summary>
public static class WebhookEvents
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Adds the event of <paramref name="type"/> (a <see cref="WebhookEventTypes"/> constant) with its data.</summary>
    public static void Raise(AppDbContext db, string type, object data, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!WebhookEventTypes.IsKnown(type))
        {
            throw new ArgumentException($"Unknown webhook event type '{type}'.", nameof(type));
        }
        db.WebhookEvents.Add(New(type, data, nowUtc));
    }

    /// <summary>
    /// A <see cref="WebhookEventTypes.Test"/> event already fanned out, with its one message to <paramref name="endpointId"/>:
    /// the sender delivers it like any other (signed, retried, logged), and no other endpoint gets it.
    /// </summary>
    public static WebhookMessage AddTest(AppDbContext db, Guid endpointId, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(db);
        var test = New(WebhookEventTypes.Test, new
        {
            endpointId,
            message = "A test event sent by an administrator. It announces no change: acknowledge it with a 2xx answer.",
        }, nowUtc);
        test.FannedOutAtUtc = nowUtc;
        db.WebhookEvents.Add(test);
        var message = WebhookMessage.Pending(endpointId, test.Id, nowUtc);
        db.WebhookMessages.Add(message);
        return message;
    }

    private static WebhookEvent New(string type, object data, DateTime nowUtc) => new()
    {
        MessageId = $"msg_{Guid.CreateVersion7():N}",
        Type = type,
        Payload = JsonSerializer.Serialize(new
        {
            type,
            timestamp = nowUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            data,
        }, Json),
        OccurredAtUtc = nowUtc,
    };
}
