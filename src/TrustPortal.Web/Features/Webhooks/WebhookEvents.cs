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
        db.WebhookEvents.Add(new WebhookEvent
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
        });
    }
}
