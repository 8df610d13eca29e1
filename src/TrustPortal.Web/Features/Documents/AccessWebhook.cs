using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Webhooks;

namespace TrustPortal.Web.Features.Documents;

/// <summary><c>access.granted</c> for a grant given or renewed, raised in the grant's own unit of work.</summary>
public static class AccessWebhook
{
    public static void Raise(AppDbContext db, TrustViewer viewer, bool automatic, bool renewed, DateTime nowUtc) =>
        WebhookEvents.Raise(db, WebhookEventTypes.AccessGranted, new
        {
            viewerId = viewer.Id,
            domain = viewer.Domain,
            company = viewer.Company,
            automatic,
            renewed,
            expiresAt = viewer.GrantExpiresAtUtc,
        }, nowUtc);
}
