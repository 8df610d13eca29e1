using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Attestations;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Agreements;

/// <summary>What voiding an agreement or publishing a DPA version does to the attestations agreements evidence.</summary>
public static class AgreementAttestations
{
    /// <summary>
    /// An agreement was voided: attestations it evidenced move to the organization's newest agreement of that kind
    /// still in force, or back to Not started when there is none.
    /// </summary>
    public static async Task EvidenceVoidedAsync(AppDbContext db, AuditTrail audit, AuditActor actor, Agreement voided, DateTime nowUtc)
    {
        var citing = await db.Attestations.Where(a => a.EvidenceId == voided.Id).ToListAsync();
        if (citing.Count == 0)
        {
            return;
        }
        var replacement = await db.Agreements.AsNoTracking()
            .Where(a => a.OrganizationId == voided.OrganizationId && a.Kind == voided.Kind && a.Id != voided.Id && a.Status == AgreementStatus.Executed)
            .OrderByDescending(a => a.ExecutedAtUtc)
            .Select(a => new { a.Id, a.Number, a.ExecutedAtUtc })
            .FirstOrDefaultAsync();
        foreach (var attestation in citing)
        {
            var previous = attestation.Status;
            attestation.Status = replacement is null ? AttestationStatus.NotStarted : AttestationStatus.Current;
            attestation.EvidenceId = replacement?.Id;
            attestation.EvidenceLabel = replacement?.Number;
            attestation.EvidenceType = replacement is null ? null : nameof(Agreement);
            attestation.EffectiveAtUtc = replacement?.ExecutedAtUtc;
            attestation.UpdatedAtUtc = nowUtc;
            audit.Record(db, actor, "attestation.updated", nameof(Attestation), attestation.Id.ToString(), new
            {
                attestation.OrganizationId, framework = attestation.Framework.ToString(), from = previous.ToString(), to = attestation.Status.ToString(),
                reason = $"{voided.Number} voided", evidence = replacement?.Number,
            });
            AttestationWebhooks.Changed(db, attestation, previous, nowUtc, $"{voided.Number} voided");
        }
    }

    /// <summary>
    /// A new DPA template version: organizations covered by a DPA on an older version must re-paper, so their GDPR and
    /// CCPA attestations become Superseded. The older agreements stay in force until replaced.
    /// </summary>
    public static async Task<int> SupersedeOlderDpaCoverageAsync(AppDbContext db, AuditTrail audit, AuditActor actor, int newVersion, DateTime nowUtc)
    {
        var stale = await db.Attestations
            .Where(a => (a.Framework == ComplianceFramework.Gdpr || a.Framework == ComplianceFramework.Ccpa)
                && a.Status == AttestationStatus.Current && a.EvidenceType == nameof(Agreement)
                && db.Agreements.Any(g => g.Id == a.EvidenceId && g.Kind == AgreementKind.Dpa && g.TemplateVersion < newVersion))
            .ToListAsync();
        foreach (var attestation in stale)
        {
            attestation.Status = AttestationStatus.Superseded;
            attestation.UpdatedAtUtc = nowUtc;
            audit.Record(db, actor, "attestation.updated", nameof(Attestation), attestation.Id.ToString(),
                new { attestation.OrganizationId, framework = attestation.Framework.ToString(), from = "Current", to = "Superseded", reason = $"DPA template version {newVersion} published" });
            AttestationWebhooks.Changed(db, attestation, AttestationStatus.Current, nowUtc, $"DPA template version {newVersion} published");
        }
        return stale.Count;
    }
}
