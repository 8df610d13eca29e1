using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Features.Audit;

public static class AuditRegistration
{
    public static void AddAudit(this IHostApplicationBuilder builder)
    {
        var configuredKey = builder.Configuration[AuditChainKey.ConfigurationKey];
        if (!string.IsNullOrWhiteSpace(configuredKey))
        {
            // Fail fast: a wrong key would only show up later as every event failing verification.
            AuditChainKey.Parse(configuredKey, AuditChainKey.ConfigurationKey);
        }
        builder.Services.AddSingleton(services => AuditChainKey.FromConfiguration(
            configuredKey, services.GetRequiredService<DataDirectory>(), services.GetRequiredService<ILogger<AuditChainKey>>()));
        builder.Services.AddSingleton(services => AuditCheckpoint.InDataFolder(services.GetRequiredService<DataDirectory>(), services.GetRequiredService<AuditChainKey>()));
        builder.Services.AddSingleton(services => new AuditChainWriter(
            services.GetRequiredService<AuditChainKey>(), services.GetRequiredService<AuditCheckpoint>(),
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<AuditChainWriter>>()));
        builder.Services.AddScoped<AuditTrail>();
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddSingleton<AuditChainVerifier>();
        builder.Services.AddScoped<AuditAnchoring>();
        builder.Services.AddHostedService<AuditAnchorSchedule>();
    }

    /// <summary>Signs a trail written before the chain key existed, once; a no-op on every later start.</summary>
    public static async Task AdoptAuditChainAsync(this WebApplication app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        await app.Services.GetRequiredService<AuditChainWriter>().AdoptAsync(db);
    }
}
