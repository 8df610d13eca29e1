using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Agreements.Certificates;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.Email;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Admin;

/// <summary>
/// Warns the Admins, once per certificate, <see cref="WarningDays"/> days before the active sealing certificate
/// expires: an email to each active Admin (through the outbox) and an audit event, committed together. The flag is set
/// by a conditional UPDATE, so with several instances the warning still goes out once.
/// </summary>
public sealed class SealCertificateExpiry(IDbContextFactory<AppDbContext> dbFactory, AuditTrail audit, EmailOutbox outbox, TimeProvider clock)
{
    public const int WarningDays = 30;

    /// <summary>True when a certificate valid until <paramref name="notAfterUtc"/> is within the warning period at <paramref name="nowUtc"/>.</summary>
    public static bool IsExpiringSoon(DateTime notAfterUtc, DateTime nowUtc) => notAfterUtc - nowUtc <= TimeSpan.FromDays(WarningDays);

    /// <summary>Sends the warning when it is due and not yet sent; returns true when this call sent it.</summary>
    public async Task<bool> WarnIfDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var active = await db.SealingCertificates.AsNoTracking().FirstOrDefaultAsync(c => c.Status == SealingCertificateStatus.Active, cancellationToken);
        if (active is null || active.ExpiryWarnedAtUtc is not null || !IsExpiringSoon(active.NotAfterUtc, now))
        {
            return false;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.SealingCertificates
            .Where(c => c.Thumbprint == active.Thumbprint && c.ExpiryWarnedAtUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.ExpiryWarnedAtUtc, now), cancellationToken);
        if (claimed != 1)
        {
            return false;
        }
        var admins = await ActiveAdminEmailsAsync(db, cancellationToken);
        var expires = active.NotAfterUtc.ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);
        foreach (var email in admins)
        {
            outbox.Enqueue(db, email, $"The document-sealing certificate expires on {active.NotAfterUtc.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}",
                $"""
                The certificate that seals executed agreements expires on {expires}:

                {active.Subject}
                SHA-256 {active.Thumbprint}

                Agreements cannot be sealed with it after that. Configure its replacement (a PFX in Agreements:Seal:CertificatePath, see docs/SEALING.md) and restart the portal: the new certificate becomes the active one and this one is retired. Agreements sealed before keep verifying at /verify.
                """);
        }
        audit.Record(db, AuditActor.System, "seal-certificate.expiry-warned", nameof(SealingCertificate), active.Thumbprint,
            new { active.Subject, active.NotAfterUtc, recipients = admins.Count });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task<List<string>> ActiveAdminEmailsAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var adminRole = await db.Roles.AsNoTracking().Where(r => r.Name == Roles.Admin).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        return await db.Users.AsNoTracking()
            .Where(u => u.DeactivatedAtUtc == null && u.Email != null && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == adminRole))
            .OrderBy(u => u.Email)
            .Select(u => u.Email!)
            .ToListAsync(cancellationToken);
    }
}
