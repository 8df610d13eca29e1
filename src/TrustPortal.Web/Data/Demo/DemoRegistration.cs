using Microsoft.AspNetCore.Identity;

namespace TrustPortal.Web.Data.Demo;

public static class DemoRegistration
{
    public static void AddDemoData(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<DemoOptions>(builder.Configuration.GetSection(DemoOptions.Section));
        builder.Services.AddScoped<DemoSeeder>();
    }

    /// <summary>Roles always exist (the seeder relies on it); demo content and users only in Development with Demo:Seed on.</summary>
    public static async Task SeedDemoDataAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await DemoSeeder.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
        var seed = app.Configuration.GetValue<bool>("Demo:Seed");
        if (seed && !app.Environment.IsDevelopment())
        {
            app.Logger.LogWarning("Demo:Seed is ignored outside Development.");
        }
        if (seed && app.Environment.IsDevelopment())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
        }
    }
}
