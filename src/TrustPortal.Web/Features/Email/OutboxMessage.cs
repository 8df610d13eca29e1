using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Features.Email;

/// <summary>An email waiting to be delivered, written in the same transaction as the change it announces.</summary>
public class OutboxMessage : ILeasedWork
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    public string TextBody { get; set; } = "";
    public string HtmlBody { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime NextAttemptAtUtc { get; set; }
    public int Attempts { get; set; }
    public DateTime? SentAtUtc { get; set; }
    /// <summary>
    /// Set when retrying stopped after Email:GiveUpAfter. The message stays, is shown to Admins and keeps /healthz
    /// Degraded until an Admin retries it.
    /// </summary>
    public DateTime? UndeliveredAtUtc { get; set; }
    /// <summary>When an Admin last put an Undelivered message back in the queue: its retry period starts again there.</summary>
    public DateTime? RequeuedAtUtc { get; set; }
    public string? LastError { get; set; }

    /// <summary>
    /// The sender (instance) that holds this message while it sends it, until <see cref="ClaimedUntilUtc"/>. A sender
    /// that dies mid-send leaves a lease that runs out, and another sender takes the message then.
    /// </summary>
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUntilUtc { get; set; }
}

/// <summary>Where an unsent message that has failed stands: still retried by the sender, or waiting for an Admin.</summary>
public enum OutboxStatus
{
    Retrying,
    Undelivered,
}

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.Property(m => m.To).HasMaxLength(320);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        builder.Property(m => m.ClaimedBy).HasMaxLength(Leases.TokenMaxLength);
        builder.HasIndex(m => new { m.SentAtUtc, m.UndeliveredAtUtc, m.NextAttemptAtUtc });
        builder.HasIndex(m => m.To);
    }
}
