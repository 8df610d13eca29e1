namespace TrustPortal.Web.Features.Webhooks;

/// <summary>Webhooks: delivery timing and which addresses receivers may have.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Lets receivers be on loopback, private, link-local and other non-public addresses. Off by default, so the
    /// portal cannot be used to reach its own network; for development and tests only.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>How long a message is retried before it is marked Failed.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>An endpoint whose every attempt has failed for this long is disabled, and Admins are told.</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long the receiver has to answer one request.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often each instance looks for due messages.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long the delivery log keeps an event once every message of it is finished (delivered or failed); older ones
    /// are deleted, with their attempts, about once an hour.
    /// </summary>
    public TimeSpan KeepDeliveriesFor { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a sender holds the messages it claimed before another instance may take them.</summary>
    public TimeSpan SendLease { get; set; } = TimeSpan.FromMinutes(5);
}
