using System.Text.Json;
using TrustPortal.Web.Data;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Audit;

/// <summary>Records audit events into the caller's unit of work, so they commit with the change they describe.</summary>
public sealed class AuditTrail(CurrentUser currentUser, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task RecordAsync(AppDbContext db, string action, string entityType, string entityId, object? data = null)
    {
        var actor = await currentUser.GetActorAsync();
        Record(db, actor, action, entityType, entityId, data);
    }

    public void Record(AppDbContext db, AuditActor actor, string action, string entityType, string entityId, object? data = null)
    {
        db.AuditEvents.Add(new AuditEvent
        {
            OccurredAtUtc = UtcTimeConverter.TruncateToMicroseconds(clock.GetUtcNow().UtcDateTime),
            ActorId = actor.UserId,
            ActorName = actor.Name,
            IpAddress = actor.IpAddress,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Data = data is null ? "{}" : JsonSerializer.Serialize(data, Json),
        });
    }
}

/// <summary>Who did something, as the audit trail records it.</summary>
public sealed record AuditActor(string? UserId, string Name, string? IpAddress)
{
    public static readonly AuditActor System = new(null, "system", null);
}
