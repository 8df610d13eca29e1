using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TrustPortal.Web.Features.TrustCenter.Admin;

public static class ContentAdminRegistration
{
    public static void AddContentAdmin(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ContentAdminService>();
        builder.Services.AddScoped<CertificationAdminService>();
        builder.Services.AddSingleton<ContentHistory>();
        // Joins every AppDbContext (DatabaseRegistration adds the IInterceptors registered in DI).
        builder.Services.AddSingleton<IInterceptor, PublishedContentGuard>();
    }
}
