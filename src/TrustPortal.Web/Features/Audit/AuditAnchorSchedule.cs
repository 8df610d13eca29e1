namespace TrustPortal.Web.Features.Audit;

/// <summary>Anchors the audit chain's head once a day (when time-stamp authorities are configured).</summary>
public sealed class AuditAnchorSchedule(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AuditAnchorSchedule> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                var anchoring = scope.ServiceProvider.GetRequiredService<AuditAnchoring>();
                if (anchoring.Enabled)
                {
                    var outcome = await anchoring.AnchorAsync(AuditActor.System, stoppingToken);
                    logger.LogInformation("Daily audit anchor: {Message}", outcome.Message);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Anchoring the audit chain failed; it will try again tomorrow.");
            }
        }
    }
}
