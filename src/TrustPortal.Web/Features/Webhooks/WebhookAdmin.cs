using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Webhooks;

/// <summary>
/// Endpoints as Admins manage them: register (the URL checked against the address rules), choose events, rotate the
/// secret, enable and disable, remove. Every change is audited; secrets never are.
/// </summary>
public sealed class WebhookAdmin(
    IDbContextFactory<AppDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    IOptionsMonitor<WebhookOptions> options,
    TimeProvider clock)
{
    public const string NotAdmin = "Only administrators can manage webhooks.";
    private const string Gone = "This endpoint no longer exists. Reload the list.";

    public async Task<List<WebhookEndpointSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await WebhookAccess.DemandAdminAsync(currentUser);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Summaries(db, db.WebhookEndpoints.OrderBy(e => e.CreatedAtUtc)).ToListAsync(cancellationToken);
    }

    public async Task<WebhookEndpointSummary?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await WebhookAccess.DemandAdminAsync(currentUser);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Summaries(db, db.WebhookEndpoints.Where(e => e.Id == id)).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<WebhookSaveResult> CreateAsync(WebhookEndpointForm form, CancellationToken cancellationToken = default)
    {
        if (!await currentUser.IsInRoleAsync(Roles.Admin))
        {
            return WebhookSaveResult.Fail(NotAdmin);
        }
        var (url, error) = await CheckAsync(form, cancellationToken);
        if (error is not null)
        {
            return error;
        }
        var secret = string.IsNullOrWhiteSpace(form.Secret) ? WebhookSignature.NewSecret() : form.Secret.Trim();
        if (WebhookSignature.Validate(secret) is { } badSecret)
        {
            return WebhookSaveResult.Fail(badSecret, nameof(form.Secret));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var endpoint = new WebhookEndpoint
        {
            Url = url!.OriginalString, Description = form.Description.Trim(), Secret = secret, EventTypes = [.. form.Events],
            CreatedAtUtc = now, UpdatedAtUtc = now,
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.WebhookEndpoints.Add(endpoint);
        await audit.RecordAsync(db, "webhook.endpoint.created", nameof(WebhookEndpoint), endpoint.Id.ToString(),
            new { endpoint.Url, endpoint.Description, events = endpoint.EventTypes, secretPasted = !string.IsNullOrWhiteSpace(form.Secret) });
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookSaveResult(true, null, Id: endpoint.Id, Secret: secret);
    }

    public async Task<WebhookSaveResult> UpdateAsync(Guid id, WebhookEndpointForm form, CancellationToken cancellationToken = default)
    {
        if (!await currentUser.IsInRoleAsync(Roles.Admin))
        {
            return WebhookSaveResult.Fail(NotAdmin);
        }
        var (url, error) = await CheckAsync(form, cancellationToken);
        if (error is not null)
        {
            return error;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (endpoint is null)
        {
            return WebhookSaveResult.Fail(Gone);
        }
        var before = new { endpoint.Url, endpoint.Description, events = endpoint.EventTypes };
        endpoint.Url = url!.OriginalString;
        endpoint.Description = form.Description.Trim();
        endpoint.EventTypes = [.. form.Events];
        endpoint.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await audit.RecordAsync(db, "webhook.endpoint.updated", nameof(WebhookEndpoint), id.ToString(),
            new { before, after = new { endpoint.Url, endpoint.Description, events = endpoint.EventTypes } });
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookSaveResult(true, null, Id: id);
    }

    /// <summary>A new secret, used from the next attempt on; the old one stops working at once.</summary>
    public Task<WebhookSaveResult> RotateSecretAsync(Guid id) => ChangeAsync(id, "webhook.endpoint.secret-rotated", (endpoint, _) =>
    {
        endpoint.Secret = WebhookSignature.NewSecret();
        return endpoint.Secret;
    });

    /// <summary>Enabling starts a fresh failure streak; messages still within their retry period are sent again.</summary>
    public Task<WebhookSaveResult> EnableAsync(Guid id) => ChangeAsync(id, "webhook.endpoint.enabled", (endpoint, _) =>
    {
        endpoint.Enabled = true;
        endpoint.DisabledReason = null;
        endpoint.DisabledAtUtc = null;
        endpoint.ConsecutiveFailures = 0;
        endpoint.FailingSinceUtc = null;
        return null;
    });

    public Task<WebhookSaveResult> DisableAsync(Guid id) => ChangeAsync(id, "webhook.endpoint.disabled", (endpoint, now) =>
    {
        endpoint.Enabled = false;
        endpoint.DisabledReason = "Disabled by an administrator.";
        endpoint.DisabledAtUtc = now;
        return null;
    });

    /// <summary>
    /// Queues a signed <c>webhook.test</c> event for this endpoint only, whatever it subscribes to; its delivery shows in
    /// the endpoint's log like any other. A disabled endpoint is sent nothing, so it is refused.
    /// </summary>
    public async Task<WebhookSaveResult> SendTestAsync(Guid id)
    {
        if (!await currentUser.IsInRoleAsync(Roles.Admin))
        {
            return WebhookSaveResult.Fail(NotAdmin);
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        var endpoint = await db.WebhookEndpoints.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id);
        if (endpoint is null)
        {
            return WebhookSaveResult.Fail(Gone);
        }
        if (!endpoint.Enabled)
        {
            return WebhookSaveResult.Fail("This endpoint is disabled, and nothing is sent to a disabled endpoint. Enable it first.");
        }
        var message = WebhookEvents.AddTest(db, id, clock.GetUtcNow().UtcDateTime);
        await audit.RecordAsync(db, "webhook.endpoint.tested", nameof(WebhookEndpoint), id.ToString(), new { endpoint.Url, messageId = message.Id });
        await db.SaveChangesAsync();
        return new WebhookSaveResult(true, null, Id: id);
    }

    /// <summary>Removes the endpoint with its delivery log.</summary>
    public Task<WebhookSaveResult> DeleteAsync(Guid id) => ChangeAsync(id, "webhook.endpoint.deleted", (endpoint, _) => null, remove: true);

    private async Task<WebhookSaveResult> ChangeAsync(Guid id, string action, Func<WebhookEndpoint, DateTime, string?> change, bool remove = false)
    {
        if (!await currentUser.IsInRoleAsync(Roles.Admin))
        {
            return WebhookSaveResult.Fail(NotAdmin);
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id);
        if (endpoint is null)
        {
            return WebhookSaveResult.Fail(Gone);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var secret = change(endpoint, now);
        endpoint.UpdatedAtUtc = now;
        if (remove)
        {
            db.WebhookEndpoints.Remove(endpoint);
        }
        await audit.RecordAsync(db, action, nameof(WebhookEndpoint), id.ToString(), new { endpoint.Url, endpoint.Description });
        await db.SaveChangesAsync();
        return new WebhookSaveResult(true, null, Id: id, Secret: secret);
    }

    private async Task<(Uri? Url, WebhookSaveResult? Error)> CheckAsync(WebhookEndpointForm form, CancellationToken cancellationToken)
    {
        if (form.Events.Count == 0)
        {
            return (null, WebhookSaveResult.Fail("Choose at least one event to send.", nameof(form.Events)));
        }
        if (form.Events.FirstOrDefault(e => !WebhookEventTypes.IsKnown(e)) is { } unknown)
        {
            return (null, WebhookSaveResult.Fail($"There is no event \"{unknown}\".", nameof(form.Events)));
        }
        if (form.Description.Length > WebhookEndpoint.DescriptionMaxLength)
        {
            return (null, WebhookSaveResult.Fail($"Keep the description under {WebhookEndpoint.DescriptionMaxLength} characters.", nameof(form.Description)));
        }
        var (url, error) = await WebhookAddresses.CheckAsync(form.Url, options.CurrentValue.AllowPrivateAddresses, cancellationToken);
        return error is null ? (url, null) : (null, WebhookSaveResult.Fail(error, nameof(form.Url)));
    }

    private static IQueryable<WebhookEndpointSummary> Summaries(AppDbContext db, IQueryable<WebhookEndpoint> endpoints) =>
        endpoints.AsNoTracking().Select(e => new WebhookEndpointSummary(
            e.Id, e.Url, e.Description, e.Events, e.Enabled, e.DisabledReason, e.DisabledAtUtc, e.ConsecutiveFailures,
            e.FailingSinceUtc, e.LastDeliveredAtUtc, e.CreatedAtUtc,
            db.WebhookMessages.Count(m => m.EndpointId == e.Id && m.Status == WebhookMessageStatus.Pending),
            db.WebhookMessages.Count(m => m.EndpointId == e.Id && m.Status == WebhookMessageStatus.Failed)));
}
