using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Features.Email;

/// <summary>
/// Degraded while any email is Undelivered or has waited longer than Email:DegradedAfter: mail is not reaching people,
/// though the portal itself works. Reports counts only, never recipients, since /healthz is public.
/// </summary>
public sealed class OutboxHealthCheck(IDbContextFactory<AppDbContext> dbFactory, IOptions<EmailOptions> options, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var waitingSince = clock.GetUtcNow().UtcDateTime - options.Value.DegradedAfter;
        var undelivered = await db.OutboxMessages.CountAsync(m => m.SentAtUtc == null && m.UndeliveredAtUtc != null, cancellationToken);
        var waiting = await db.OutboxMessages.CountAsync(m => m.SentAtUtc == null && m.UndeliveredAtUtc == null && m.CreatedAtUtc < waitingSince, cancellationToken);
        var data = new Dictionary<string, object> { ["undelivered"] = undelivered, ["waiting"] = waiting };
        return undelivered == 0 && waiting == 0
            ? HealthCheckResult.Healthy(data: data)
            : HealthCheckResult.Degraded($"{undelivered} undelivered, {waiting} waiting longer than {options.Value.DegradedAfter}.", data: data);
    }
}
