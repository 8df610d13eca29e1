using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Web.Data;

namespace TrustPortal.Testing;

/// <summary>
/// The whole portal on a real Kestrel port with its own SQLite file and data folder, seeded with the demo data.
/// One instance per test class; the folder is deleted on dispose.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Test-Demo-Passw0rd!";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "trustportal-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Extra configuration for a test class, e.g. SMTP settings.</summary>
    protected virtual IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    public PortalFactory()
    {
        Directory.CreateDirectory(DataDirectory);
        UseKestrel(0);
    }

    public Uri BaseAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("ConnectionStrings:DefaultConnection", "Data Source=portal.db");
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Demo:Password", DemoPassword);
        builder.UseSetting("Email:PollInterval", "00:00:00.200");
        foreach (var (key, value) in ExtraSettings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A fresh unit of work on the test's database, for arranging and asserting.</summary>
    public AppDbContext CreateDbContext() =>
        Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { /* best effort */ }
        }
    }
}
