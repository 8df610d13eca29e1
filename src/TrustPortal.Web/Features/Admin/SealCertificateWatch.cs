using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Agreements.Certificates;

namespace TrustPortal.Web.Features.Admin;

/// <summary>
/// At start-up and then every <see cref="Interval"/>: registers the configured sealing certificate (retiring the one
/// before it) and warns the Admins when it expires within <see cref="SealCertificateExpiry.WarningDays"/> days.
/// </summary>
public sealed class SealCertificateWatch(IServiceScopeFactory scopes, SealCertificate seal, TimeProvider clock, ILogger<SealCertificateWatch> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    /// <summary>The first check runs before the portal takes requests, so every seal it makes is by a registered certificate.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RunSafelyAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await RunSafelyAsync(stoppingToken);
        }
    }

    private async Task RunSafelyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunOnceAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // E.g. an instance started before the database was migrated: it tries again at the next interval.
            logger.LogError(ex, "Checking the sealing certificate failed; it will try again.");
        }
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SealCertificateRegistry>().RegisterAsync(seal.Certificate, seal.IsSelfSigned, cancellationToken);
        await scope.ServiceProvider.GetRequiredService<SealCertificateExpiry>().WarnIfDueAsync(cancellationToken);
    }
}
