using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.Email;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Webhooks;

/// <summary>
/// Keeps each endpoint's failure streak, and disables an endpoint whose every attempt has failed for
/// Webhooks:DisableAfter, or that let a message fail every attempt of its retry period, telling the Admins by email. Every change is one conditional update, so deliveries finishing
/// at once (here or on another instance) neither lose a count nor disable an endpoint twice.
/// </summary>
public sealed class WebhookEndpointHealth(
    EmailOutbox email,
    IServiceScopeFactory scopes,
    IOptions<WebhookOptions> options)
{
    public Task SucceededAsync(AppDbContext db, Guid endpointId, DateTime nowUtc, CancellationToken cancellationToken) =>
        db.WebhookEndpoints.Where(e => e.Id == endpointId).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.ConsecutiveFailures, 0)
            .SetProperty(e => e.FailingSinceUtc, (DateTime?)null)
            .SetProperty(e => e.LastDeliveredAtUtc, nowUtc), cancellationToken);

    /// <param name="gaveUp">The attempt was a message's last: it has failed for its whole retry period.</param>
    public async Task FailedAsync(AppDbContext db, Guid endpointId, DateTime nowUtc, bool gaveUp, CancellationToken cancellationToken)
    {
        await db.WebhookEndpoints.Where(e => e.Id == endpointId).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.ConsecutiveFailures, e => e.ConsecutiveFailures + 1)
            .SetProperty(e => e.FailingSinceUtc, e => e.FailingSinceUtc ?? nowUtc), cancellationToken);
        var failingSince = gaveUp ? nowUtc : nowUtc - options.Value.DisableAfter;
        var reason = gaveUp
            ? $"A message failed every attempt for {Hours(options.Value.RetryFor)}."
            : $"Every delivery attempt failed for {Hours(options.Value.DisableAfter)}.";
        var disabled = await db.WebhookEndpoints
            .Where(e => e.Id == endpointId && e.Enabled && e.FailingSinceUtc != null && e.FailingSinceUtc <= failingSince)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Enabled, false)
                .SetProperty(e => e.DisabledReason, reason)
                .SetProperty(e => e.DisabledAtUtc, nowUtc)
                .SetProperty(e => e.UpdatedAtUtc, nowUtc), cancellationToken);
        if (disabled == 0)
        {
            return;
        }
        var endpoint = await db.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == endpointId, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditTrail>().Record(db, AuditActor.System, "webhook.endpoint.disabled", nameof(WebhookEndpoint), endpointId.ToString(),
            new { endpoint.Url, reason, endpoint.ConsecutiveFailures });
        var link = scope.ServiceProvider.GetRequiredService<PublicUrls>().Absolute(WebhookPaths.Endpoint(endpointId));
        await email.EnqueueToRoleAsync(db, Roles.Admin, "A webhook endpoint was disabled",
            $"The portal stopped sending webhooks to {endpoint.Url}" +
            (string.IsNullOrWhiteSpace(endpoint.Description) ? "" : $" ({endpoint.Description})") +
            $": {reason} The last of {endpoint.ConsecutiveFailures} failed attempts is in the delivery log.\n\n" +
            $"Fix the receiver, then enable the endpoint and resend what it missed:\n{link}", cancellationToken);
    }

    private static string Hours(TimeSpan period) =>
        period.TotalHours >= 1 ? $"{period.TotalHours:0.#} hours" : $"{period.TotalMinutes:0} minutes";
}

/// <summary>The admin pages' addresses.</summary>
public static class WebhookPaths
{
    public const string List = "/admin/webhooks";

    public static string Endpoint(Guid id) => $"{List}/{id}";
}
