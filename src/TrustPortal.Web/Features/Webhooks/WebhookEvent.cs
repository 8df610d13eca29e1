using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Features.Webhooks;

/// <summary>
/// Something that happened, written in the same transaction as the change it announces (the outbox). The sender fans
/// it out once to every enabled endpoint subscribed to its type at that moment, one <see cref="WebhookMessage"/> each.
/// </summary>
public class WebhookEvent
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>The webhook-id receivers see (<c>msg_…</c>); the same for every endpoint and every retry.</summary>
    public string MessageId { get; set; } = "";
    public string Type { get; set; } = "";
    /// <summary>The exact body sent: <c>{"type":…,"timestamp":…,"data":{…}}</c>, so every attempt signs the same bytes.</summary>
    public string Payload { get; set; } = "";
    public DateTime OccurredAtUtc { get; set; }
    /// <summary>When the sender created its messages; null while it waits to be fanned out.</summary>
    public DateTime? FannedOutAtUtc { get; set; }
}

public sealed class WebhookEventConfiguration : IEntityTypeConfiguration<WebhookEvent>
{
    public void Configure(EntityTypeBuilder<WebhookEvent> builder)
    {
        builder.Property(e => e.MessageId).HasMaxLength(40);
        builder.Property(e => e.Type).HasMaxLength(60);
        builder.HasIndex(e => e.MessageId).IsUnique();
        builder.HasIndex(e => new { e.FannedOutAtUtc, e.OccurredAtUtc });
    }
}
