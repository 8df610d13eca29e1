using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrustPortal.Web.Features.Webhooks;

/// <summary>A receiver an Admin registered: where events go, which ones, and the secret they are signed with.</summary>
public class WebhookEndpoint
{
    public const int UrlMaxLength = 2000;
    public const int DescriptionMaxLength = 200;

    public Guid Id { get; set; } = Guid.NewGuid();
    public string Url { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>The signing secret, <c>whsec_</c> and base64; stored as is because signing needs it.</summary>
    public string Secret { get; set; } = "";
    /// <summary>The subscribed event types, separated by spaces (see <see cref="EventTypes"/>).</summary>
    public string Events { get; set; } = "";
    public bool Enabled { get; set; } = true;
    public string? DisabledReason { get; set; }
    public DateTime? DisabledAtUtc { get; set; }
    /// <summary>Failed attempts since the last successful delivery.</summary>
    public int ConsecutiveFailures { get; set; }
    /// <summary>The first failed attempt since the last successful delivery; null while deliveries succeed.</summary>
    public DateTime? FailingSinceUtc { get; set; }
    public DateTime? LastDeliveredAtUtc { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }

    public IReadOnlyList<string> EventTypes
    {
        get => Events.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        set => Events = string.Join(' ', value.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
    }

    public bool Subscribes(string type) => EventTypes.Contains(type, StringComparer.Ordinal);
}

public sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.Property(e => e.Url).HasMaxLength(WebhookEndpoint.UrlMaxLength);
        builder.Property(e => e.Description).HasMaxLength(WebhookEndpoint.DescriptionMaxLength);
        builder.Property(e => e.Secret).HasMaxLength(200);
        builder.Property(e => e.Events).HasMaxLength(1000);
        builder.Property(e => e.DisabledReason).HasMaxLength(500);
        builder.Ignore(e => e.EventTypes);
    }
}
