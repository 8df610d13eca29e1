using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Audit;

namespace TrustPortal.Web.Features.Attestations;

/// <summary>
/// Moves Current and Expiring attestations to Expired once their evidence lapses (a SOC 2 report's validity, the
/// grace period after a new report), at start-up and then every <see cref="Interval"/>. The status is stored, so the
/// matrix, its chips, its filters and the CSV all read the same value.
/// </summary>
public sealed class AttestationExpiry(
    IDbContextFactory<AppDbContext> dbFactory,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<AttestationExpiry> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    private const int BatchSize = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ExpireDueAsync(stoppingToken);
                await Task.Delay(Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Expiring attestations failed; it will try again.");
                await Task.Delay(Interval, clock, stoppingToken);
            }
        }
    }

    /// <summary>
    /// Expires every attestation whose expiry has passed; returns how many this call moved. Each move is a conditional
    /// UPDATE committed with its audit event, so when several instances run this at once each attestation is moved,
    /// and recorded, exactly once.
    /// </summary>
    public async Task<int> ExpireDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        var moved = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var due = await db.Attestations.AsNoTracking()
                .Where(a => (a.Status == AttestationStatus.Current || a.Status == AttestationStatus.Expiring) && a.ExpiresAtUtc != null && a.ExpiresAtUtc <= now)
                .OrderBy(a => a.ExpiresAtUtc)
                .Take(BatchSize)
                .Select(a => new { a.Id, a.OrganizationId, a.Framework, a.Status, a.ExpiresAtUtc })
                .ToListAsync(cancellationToken);
            var movedInBatch = 0;
            foreach (var attestation in due)
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var updated = await db.Attestations
                    .Where(a => a.Id == attestation.Id && a.Status == attestation.Status && a.ExpiresAtUtc <= now)
                    .ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, AttestationStatus.Expired).SetProperty(a => a.UpdatedAtUtc, now), cancellationToken);
                if (updated == 1)
                {
                    audit.Record(db, AuditActor.System, "attestation.updated", nameof(Attestation), attestation.Id.ToString(), new
                    {
                        attestation.OrganizationId,
                        framework = attestation.Framework.ToString(),
                        from = attestation.Status.ToString(),
                        to = nameof(AttestationStatus.Expired),
                        expiresAtUtc = attestation.ExpiresAtUtc,
                        reason = "Evidence expired",
                    });
                    AttestationWebhooks.Changed(db, new AttestationChange(attestation.Id, attestation.OrganizationId, attestation.Framework,
                        attestation.Status, AttestationStatus.Expired, null, attestation.ExpiresAtUtc, "Evidence expired"), now);
                    await db.SaveChangesAsync(cancellationToken);
                    movedInBatch++;
                }
                await transaction.CommitAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
            moved += movedInBatch;
            // Another instance may have moved some; stop when nothing is left to do or nothing could be moved.
            if (due.Count < BatchSize || movedInBatch == 0)
            {
                return moved;
            }
        }
    }
}
