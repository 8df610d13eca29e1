using TrustPortal.Web.Features.TrustCenter.Subscriptions;

namespace TrustPortal.Web.Features.Admin;

public static class AdminRegistration
{
    /// <summary>Staff accounts, the subprocessor list and its subscribers.</summary>
    public static void AddAdministration(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SubscriptionTokens>();
        builder.Services.AddScoped<SubscriptionService>();
        builder.Services.AddScoped<SubprocessorAdminService>();
        builder.Services.AddScoped<StaffService>();
        builder.Services.AddScoped<SealCertificateExpiry>();
        builder.Services.AddSingleton<SealCertificateWatch>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SealCertificateWatch>());
    }
}
