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
            AttestationWebhooks.Changed(db, attestation, previous, nowUtc);
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
        AttestationWebhooks.Changed(db, attestation, previous, nowUtc);
    }
}

/// <summary>What proves an attestation: the kind of record, its id, a label people recognize, and when it lapses.</summary>
public sealed record AttestationEvidence(string Type, Guid Id, string Label, DateTime? ExpiresAtUtc = null);
