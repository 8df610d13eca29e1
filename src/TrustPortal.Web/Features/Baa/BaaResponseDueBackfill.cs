using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Features.Baa;

/// <summary>
/// Gives requests stored before the due time was (and demo requests, which are seeded without one) their due time,
/// with the configured target, once at start-up. Idempotent: only rows without a due time are touched.
/// </summary>
public sealed class BaaResponseDueBackfill(IDbContextFactory<AppDbContext> dbFactory, IOptions<BaaOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var missing = await db.BaaRequests.Where(r => r.ResponseDueAtUtc == default).ToListAsync(cancellationToken);
        foreach (var request in missing)
        {
            request.ResponseDueAtUtc = BaaRules.ResponseDueAt(request.SubmittedAtUtc, options.Value.ResponseTimeBusinessDays);
        }
        if (missing.Count > 0)
        {
            // Only the due time changes; the concurrency version stays, so a reviewer's open page is not made stale.
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
