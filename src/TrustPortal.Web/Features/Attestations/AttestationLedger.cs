using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Attestations;

/// <summary>Moves an organization's attestations as evidence arrives, inside the caller's unit of work.</summary>
public static class AttestationLedger
{
    public static async Task CoverAsync(AppDbContext db, AuditTrail audit, AuditActor actor, Guid organizationId,
        IEnumerable<ComplianceFramework> frameworks, AttestationEvidence evidence, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var wanted = frameworks.ToList();
        var existing = await db.Attestations
            .Where(a => a.OrganizationId == organizationId && wanted.Contains(a.Framework))
            .ToListAsync(cancellationToken);
        foreach (var framework in wanted)
        {
            var attestation = existing.FirstOrDefault(a => a.Framework == framework);
            if (attestation is null)
            {
                attestation = new Attestation { OrganizationId = organizationId, Framework = framework };
                db.Attestations.Add(attestation);
            }
            var previous = attestation.Status;
            attestation.Status = AttestationStatus.Current;
            attestation.EvidenceType = evidence.Type;
            attestation.EvidenceId = evidence.Id;
            attestation.EvidenceLabel = evidence.Label;
            attestation.EffectiveAtUtc = nowUtc;
            attestation.ExpiresAtUtc = evidence.ExpiresAtUtc;
            attestation.UpdatedAtUtc = nowUtc;
            audit.Record(db, actor, "attestation.updated", nameof(Attestation), attestation.Id.ToString(),
                new { organizationId, framework = framework.ToString(), from = previous.ToString(), to = attestation.Status.ToString(), evidence = evidence.Label });
        }
    }

    /// <summary>A request is open for a framework the organization does not have yet (e.g. HIPAA once a BAA is requested).</summary>
    public static async Task MarkRequestedAsync(AppDbContext db, AuditTrail audit, AuditActor actor, Guid organizationId, ComplianceFramework framework, DateTime nowUtc)
    {
        var attestation = await db.Attestations.FirstOrDefaultAsync(a => a.OrganizationId == organizationId && a.Framework == framework);
        if (attestation is { Status: AttestationStatus.Current or AttestationStatus.Expiring })
        {
            return;
        }
        if (attestation is null)
        {
            attestation = new Attestation { OrganizationId = organizationId, Framework = framework };
            db.Attestations.Add(attestation);
        }
        var previous = attestation.Status;
        attestation.Status = AttestationStatus.Requested;
        attestation.UpdatedAtUtc = nowUtc;
        audit.Record(db, actor, "attestation.updated", nameof(Attestation), attestation.Id.ToString(),
            new { organizationId, framework = framework.ToString(), from = previous.ToString(), to = attestation.Status.ToString() });
    }

    /// <summary>
    /// An agreement was voided: attestations it evidenced move to the organization's newest agreement of that kind
    /// still in force, or back to Not started when there is none.
    /// </summary>
    public static async Task EvidenceVoidedAsync(AppDbContext db, AuditTrail audit, AuditActor actor, Agreements.Agreement voided, DateTime nowUtc)
    {
        var citing = await db.Attestations.Where(a => a.EvidenceId == voided.Id).ToListAsync();
        if (citing.Count == 0)
        {
            return;
        }
        var replacement = await db.Agreements.AsNoTracking()
            .Where(a => a.OrganizationId == voided.OrganizationId && a.Kind == voided.Kind && a.Id != voided.Id && a.Status == Agreements.AgreementStatus.Executed)
            .OrderByDescending(a => a.ExecutedAtUtc)
            .Select(a => new { a.Id, a.Number, a.ExecutedAtUtc })
            .FirstOrDefaultAsync();
        foreach (var attestation in citing)
        {
            var previous = attestation.Status;
            attestation.Status = replacement is null ? AttestationStatus.NotStarted : AttestationStatus.Current;
            attestation.EvidenceId = replacement?.Id;
            attestation.EvidenceLabel = replacement?.Number;
            attestation.EvidenceType = replacement is null ? null : nameof(Agreements.Agreement);
            attestation.EffectiveAtUtc = replacement?.ExecutedAtUtc;
            attestation.UpdatedAtUtc = nowUtc;
            audit.Record(db, actor, "attestation.updated", nameof(Attestation), attestation.Id.ToString(), new
            {
                attestation.OrganizationId, framework = attestation.Framework.ToString(), from = previous.ToString(), to = attestation.Status.ToString(),
                reason = $"{voided.Number} voided", evidence = replacement?.Number,
            });
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
                && a.Status == AttestationStatus.Current && a.EvidenceType == nameof(Agreements.Agreement)
                && db.Agreements.Any(g => g.Id == a.EvidenceId && g.Kind == Agreements.AgreementKind.Dpa && g.TemplateVersion < newVersion))
            .ToListAsync();
        foreach (var attestation in stale)
        {
            attestation.Status = AttestationStatus.Superseded;
            attestation.UpdatedAtUtc = nowUtc;
            audit.Record(db, actor, "attestation.updated", nameof(Attestation), attestation.Id.ToString(),
                new { attestation.OrganizationId, framework = attestation.Framework.ToString(), from = "Current", to = "Superseded", reason = $"DPA template version {newVersion} published" });
        }
        return stale.Count;
    }
}

/// <summary>What proves an attestation: the kind of record, its id, a label people recognize, and when it lapses.</summary>
public sealed record AttestationEvidence(string Type, Guid Id, string Label, DateTime? ExpiresAtUtc = null);
