using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Features.Agreements.Certificates;

/// <summary>
/// Keeps the registry of sealing certificates in step with the configured one: a certificate seen for the first time
/// is registered as active and the one before it retired, each an audit event, in one transaction under a lock row so
/// that instances starting together agree.
/// </summary>
public sealed class SealCertificateRegistry(IDbContextFactory<AppDbContext> dbFactory, AuditTrail audit, TimeProvider clock, ILogger<SealCertificateRegistry> logger)
{
    public const string RegistryLock = "lock:seal-certificates";

    /// <summary>Makes <paramref name="certificate"/> the active one; returns true when anything changed.</summary>
    public async Task<bool> RegisterAsync(X509Certificate2 certificate, bool selfSigned, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var thumbprint = SealingCertificate.ThumbprintOf(certificate);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.SealingCertificates.AsNoTracking().AnyAsync(c => c.Thumbprint == thumbprint && c.Status == SealingCertificateStatus.Active, cancellationToken))
        {
            return false;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await DatabaseCounters.LockAsync(db, RegistryLock, cancellationToken);
        var known = await db.SealingCertificates.ToListAsync(cancellationToken);
        var mine = known.FirstOrDefault(c => c.Thumbprint == thumbprint);
        if (mine is { Status: SealingCertificateStatus.Active })
        {
            return false;
        }
        foreach (var old in known.Where(c => c.Status == SealingCertificateStatus.Active))
        {
            old.Status = SealingCertificateStatus.Retired;
            old.RetiredAtUtc = now;
            audit.Record(db, AuditActor.System, "seal-certificate.retired", nameof(SealingCertificate), old.Thumbprint,
                new { old.Subject, old.NotAfterUtc, replacedBy = thumbprint });
        }
        if (mine is null)
        {
            db.SealingCertificates.Add(new SealingCertificate
            {
                Thumbprint = thumbprint,
                Subject = certificate.Subject,
                NotBeforeUtc = certificate.NotBefore.ToUniversalTime(),
                NotAfterUtc = certificate.NotAfter.ToUniversalTime(),
                SelfSigned = selfSigned,
                Status = SealingCertificateStatus.Active,
                AddedAtUtc = now,
            });
            audit.Record(db, AuditActor.System, "seal-certificate.registered", nameof(SealingCertificate), thumbprint,
                new { certificate.Subject, notBeforeUtc = certificate.NotBefore.ToUniversalTime(), notAfterUtc = certificate.NotAfter.ToUniversalTime(), selfSigned });
        }
        else
        {
            // A retired certificate configured again (a rollback): it seals again.
            mine.Status = SealingCertificateStatus.Active;
            mine.RetiredAtUtc = null;
            audit.Record(db, AuditActor.System, "seal-certificate.reactivated", nameof(SealingCertificate), thumbprint, new { mine.Subject });
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Sealing certificate {Subject} ({Thumbprint}) is now the active one.", certificate.Subject, thumbprint);
        return true;
    }

    /// <summary>The active certificate's registry row, or null before the first registration.</summary>
    public async Task<SealingCertificate?> ActiveAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.SealingCertificates.AsNoTracking().FirstOrDefaultAsync(c => c.Status == SealingCertificateStatus.Active, cancellationToken);
    }

    /// <summary>The registry row of a certificate by its SHA-256 fingerprint (any case), or null when it never sealed here.</summary>
    public async Task<SealingCertificate?> FindAsync(string sha256Thumbprint, CancellationToken cancellationToken = default)
    {
        var thumbprint = sha256Thumbprint.ToUpperInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.SealingCertificates.AsNoTracking().FirstOrDefaultAsync(c => c.Thumbprint == thumbprint, cancellationToken);
    }
}
