using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Features.Webhooks;

/// <summary>One event on its way to one endpoint: retried with back-off until it is delivered or its time runs out.</summary>
public class WebhookMessage : ILeasedWork
{
    /// <summary>A message waiting to be sent now, for the first time.</summary>
    public static WebhookMessage Pending(Guid endpointId, Guid eventId, DateTime nowUtc) => new()
    {
        EndpointId = endpointId,
        EventId = eventId,
        Status = WebhookMessageStatus.Pending,
        CreatedAtUtc = nowUtc,
        RetryingSinceUtc = nowUtc,
        NextAttemptAtUtc = nowUtc,
    };

    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EndpointId { get; set; }
    public WebhookEndpoint? Endpoint { get; set; }
    public Guid EventId { get; set; }
    public WebhookEvent? Event { get; set; }
    public WebhookMessageStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    /// <summary>When retrying started: creation, or an Admin's resend, which gives the message another full period.</summary>
    public DateTime RetryingSinceUtc { get; set; }
    public DateTime NextAttemptAtUtc { get; set; }
    public DateTime? DeliveredAtUtc { get; set; }
    public DateTime? FailedAtUtc { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUntilUtc { get; set; }
}

public enum WebhookMessageStatus
{
    Pending,
    Delivered,
    Failed,
}

public sealed class WebhookMessageConfiguration : IEntityTypeConfiguration<WebhookMessage>
{
    public void Configure(EntityTypeBuilder<WebhookMessage> builder)
    {
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.LastError).HasMaxLength(WebhookAttempt.ErrorMaxLength);
        builder.Property(m => m.ClaimedBy).HasMaxLength(Leases.TokenMaxLength);
        builder.HasOne(m => m.Endpoint).WithMany().HasForeignKey(m => m.EndpointId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Event).WithMany().HasForeignKey(m => m.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.Status, m.NextAttemptAtUtc });
        builder.HasIndex(m => new { m.EndpointId, m.CreatedAtUtc });
        builder.HasIndex(m => new { m.EndpointId, m.EventId }).IsUnique();
    }
}
