using System.ComponentModel.DataAnnotations;

namespace TrustPortal.Web.Features.Webhooks;

/// <summary>What an Admin enters to register or change an endpoint.</summary>
public sealed class WebhookEndpointForm
{
    [Required(ErrorMessage = "Enter the address of your receiver.")]
    [StringLength(WebhookEndpoint.UrlMaxLength)]
    public string Url { get; set; } = "";

    [StringLength(WebhookEndpoint.DescriptionMaxLength)]
    public string Description { get; set; } = "";

    public HashSet<string> Events { get; set; } = [];

    /// <summary>An existing secret to keep using (<c>whsec_…</c>); empty: the portal makes one.</summary>
    public string? Secret { get; set; }
}

/// <summary>The outcome of saving an endpoint: its id and, when one was made or rotated, the secret to show once.</summary>
public sealed record WebhookSaveResult(bool Succeeded, string? Error, string? Field = null, Guid? Id = null, string? Secret = null)
{
    public static WebhookSaveResult Fail(string error, string? field = null) => new(false, error, field);
}

public sealed record WebhookEndpointSummary(
    Guid Id, string Url, string Description, string EventList, bool Enabled, string? DisabledReason, DateTime? DisabledAtUtc,
    int ConsecutiveFailures, DateTime? FailingSinceUtc, DateTime? LastDeliveredAtUtc, DateTime CreatedAtUtc, int Pending, int Failed)
{
    public IReadOnlyList<string> Events => EventList.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public WebhookEndpointState State => !Enabled ? WebhookEndpointState.Disabled : FailingSinceUtc is null ? WebhookEndpointState.Healthy : WebhookEndpointState.Failing;
}

public enum WebhookEndpointState
{
    Healthy,
    Failing,
    Disabled,
}

public sealed record WebhookMessageItem(
    Guid Id, string WebhookId, string Type, WebhookMessageStatus Status, int Attempts, int? LastStatusCode, string? LastError,
    DateTime CreatedAtUtc, DateTime NextAttemptAtUtc, DateTime? DeliveredAtUtc, DateTime? FailedAtUtc);

public sealed record WebhookAttemptItem(DateTime AttemptedAtUtc, int? StatusCode, bool Succeeded, string? Error, int DurationMs);
