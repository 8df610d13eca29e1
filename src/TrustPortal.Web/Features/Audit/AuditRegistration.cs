namespace TrustPortal.Web.Features.Audit;

public static class AuditRegistration
{
    public static void AddAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<AuditTrail>();
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddSingleton<AuditChainVerifier>();
    }
}
