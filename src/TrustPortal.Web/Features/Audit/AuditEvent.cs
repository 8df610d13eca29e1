using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrustPortal.Web.Features.Audit;

/// <summary>One append-only entry of the audit trail, chained to the one before it by hash.</summary>
public class AuditEvent
{
    public long Id { get; set; }
    /// <summary>Position in the chain, 1-based, assigned when saved; unique, so two writers cannot both extend the same head.</summary>
    public long Sequence { get; set; }
    public DateTime OccurredAtUtc { get; set; }
    public string? ActorId { get; set; }
    public string ActorName { get; set; } = "";
    public string Action { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";
    /// <summary>Event details as compact JSON.</summary>
    public string Data { get; set; } = "{}";
    public string? IpAddress { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
    /// <summary>HMAC-SHA256 of <see cref="Sequence"/> and <see cref="Hash"/> with the chain key, which the database does not hold.</summary>
    public string Mac { get; set; } = "";
}

public sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.HasIndex(e => e.Sequence).IsUnique();
        builder.Property(e => e.ActorId).HasMaxLength(450);
        builder.Property(e => e.ActorName).HasMaxLength(256);
        builder.Property(e => e.Action).HasMaxLength(100);
        builder.Property(e => e.EntityType).HasMaxLength(100);
        builder.Property(e => e.EntityId).HasMaxLength(100);
        builder.Property(e => e.IpAddress).HasMaxLength(64);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.Property(e => e.Mac).HasMaxLength(64);
        builder.HasIndex(e => new { e.EntityType, e.EntityId });
        builder.HasIndex(e => e.OccurredAtUtc);
    }
}
