using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrustPortal.Web.Features.Webhooks;

/// <summary>One try at delivering a message: what the receiver answered, or why nothing reached it.</summary>
public class WebhookAttempt
{
    public const int ErrorMaxLength = 1000;

    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid MessageId { get; set; }
    public DateTime AttemptedAtUtc { get; set; }
    /// <summary>The HTTP status the receiver answered; null when it did not answer (refused address, timeout, no connection).</summary>
    public int? StatusCode { get; set; }
    public bool Succeeded { get; set; }
    public string? Error { get; set; }
    public int DurationMs { get; set; }
}

public sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> builder)
    {
        builder.Property(a => a.Error).HasMaxLength(WebhookAttempt.ErrorMaxLength);
        builder.HasOne<WebhookMessage>().WithMany().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.MessageId, a.AttemptedAtUtc });
    }
}
