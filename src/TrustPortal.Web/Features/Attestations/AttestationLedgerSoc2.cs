using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Attestations;

/// <summary>SOC 2 attestation moves caused by the vendor's side, inside the caller's unit of work.</summary>
public static class Soc2Attestations
{
    /// <summary>How long customers have to fetch the new report before their SOC 2 attestation lapses.</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromDays(30);

    /// <summary>
    /// A new SOC 2 report is published: every organization whose SOC 2 attestation is Current (evidenced by the
    /// older report) becomes Expiring, lapsing after <see cref="GracePeriod"/>, so sales can see who to send it to.
    /// </summary>
    public static async Task<int> MarkExpiringAsync(AppDbContext db, AuditTrail audit, AuditActor actor, DateTime nowUtc,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(audit);
        var current = await db.Attestations
            .Where(a => a.Framework == ComplianceFramework.Soc2Type2 && a.Status == AttestationStatus.Current)
            .ToListAsync(cancellationToken);
        var expires = nowUtc + GracePeriod;
        foreach (var attestation in current)
        {
            attestation.Status = AttestationStatus.Expiring;
            attestation.ExpiresAtUtc = expires;
            attestation.UpdatedAtUtc = nowUtc;
            audit.Record(db, actor, "attestation.updated", nameof(Attestation), attestation.Id.ToString(), new
            {
                attestation.OrganizationId,
                framework = attestation.Framework.ToString(),
                from = nameof(AttestationStatus.Current),
                to = nameof(AttestationStatus.Expiring),
                expiresAtUtc = expires,
                reason = "New SOC 2 report published",
            });
            AttestationWebhooks.Changed(db, attestation, AttestationStatus.Current, nowUtc, "New SOC 2 report published");
        }
        return current.Count;
    }
}
