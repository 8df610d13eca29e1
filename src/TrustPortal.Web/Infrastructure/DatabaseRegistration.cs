using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Infrastructure;

public static class DatabaseRegistration
{
    public static void AddDatabase(this IHostApplicationBuilder builder)
    {
        var dataDirectory = DataDirectory.FromConfiguration(builder);
        builder.Services.AddSingleton(dataDirectory);

        var provider = builder.Configuration["Database:Provider"] ?? "Sqlite";
        if (!provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Database:Provider '{provider}' is not supported yet; use 'Sqlite'.");
        }
        var connectionString = builder.Configuration.GetConnectionString("DefaultConnection")
            ?? throw new InvalidOperationException("Connection string 'DefaultConnection' not found.");
        var sqlite = new SqliteConnectionStringBuilder(connectionString);
        if (!Path.IsPathRooted(sqlite.DataSource) && sqlite.DataSource != ":memory:")
        {
            // A relative database path is relative to the data directory, not to wherever the process started.
            sqlite.DataSource = dataDirectory.Resolve(sqlite.DataSource);
        }
        // Wait on a locked database (SQLITE_BUSY) for up to this many seconds instead of failing at once.
        sqlite.DefaultTimeout = sqlite.DefaultTimeout <= 0 ? 30 : sqlite.DefaultTimeout;

        // Interceptors registered in DI (none in production) join every context: tests use one to inject failures.
        builder.Services.AddDbContextFactory<AppDbContext>((services, options) =>
            options.UseSqlite(sqlite.ToString()).AddInterceptors(services.GetServices<IInterceptor>()));
        builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
        builder.Services.AddDatabaseDeveloperPageExceptionFilter();
    }

    /// <summary>Applies migrations; never EnsureCreated, so the schema always has a history.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers proceed while one writer commits; the mode is stored in the file, so once is enough.
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            await command.ExecuteNonQueryAsync();
            await db.Database.CloseConnectionAsync();
        }
    }
}
