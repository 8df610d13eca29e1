using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Webhooks;

namespace TrustPortal.Web.Features.Agreements;

/// <summary>The agreement events receivers get, raised in the transaction that executes or voids the agreement.</summary>
public static class AgreementWebhooks
{
    public static void Executed(AppDbContext db, Agreement agreement, DateTime nowUtc) =>
        WebhookEvents.Raise(db, WebhookEventTypes.AgreementExecuted, Data(agreement), nowUtc);

    public static void Voided(AppDbContext db, Agreement agreement, DateTime nowUtc) =>
        WebhookEvents.Raise(db, WebhookEventTypes.AgreementVoided, Data(agreement), nowUtc);

    // Identifiers and parties, not the signer's personal details: those stay in the portal.
    private static object Data(Agreement agreement) => new
    {
        agreementId = agreement.Id,
        agreement.Number,
        kind = agreement.Kind.ToString(),
        status = agreement.Status.ToString(),
        agreement.OrganizationId,
        customerLegalName = agreement.Customer.LegalName,
        agreement.TemplateVersion,
        executedAt = agreement.ExecutedAtUtc,
        statusChangedAt = agreement.StatusChangedAtUtc,
    };
}
