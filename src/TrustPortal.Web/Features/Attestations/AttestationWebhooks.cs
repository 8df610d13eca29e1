using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Webhooks;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Attestations;

/// <summary>Raises <c>attestation.changed</c> in the unit of work that moves an attestation, wherever it moves.</summary>
public static class AttestationWebhooks
{
    /// <summary>Call after the attestation's fields hold their new values; <paramref name="from"/> is the status it left.</summary>
    public static void Changed(AppDbContext db, Attestation attestation, AttestationStatus from, DateTime nowUtc, string? reason = null) =>
        Changed(db, new AttestationChange(attestation.Id, attestation.OrganizationId, attestation.Framework, from, attestation.Status,
            attestation.EvidenceLabel, attestation.ExpiresAtUtc, reason), nowUtc);

    public static void Changed(AppDbContext db, AttestationChange change, DateTime nowUtc) =>
        WebhookEvents.Raise(db, WebhookEventTypes.AttestationChanged, new
        {
            attestationId = change.Id,
            change.OrganizationId,
            framework = change.Framework.ToString(),
            from = change.From.ToString(),
            to = change.To.ToString(),
            change.Evidence,
            expiresAt = change.ExpiresAtUtc,
            change.Reason,
        }, nowUtc);
}

/// <summary>One attestation's move, as receivers of <c>attestation.changed</c> see it.</summary>
public sealed record AttestationChange(
    Guid Id, Guid OrganizationId, ComplianceFramework Framework, AttestationStatus From, AttestationStatus To, string? Evidence, DateTime? ExpiresAtUtc, string? Reason);
