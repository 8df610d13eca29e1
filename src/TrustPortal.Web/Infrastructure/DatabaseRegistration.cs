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

        var provider = DatabaseProviders.FromConfiguration(builder.Configuration);
        if (provider == DatabaseProvider.PostgreSql)
        {
            var connectionString = builder.Configuration.GetConnectionString("Postgres");
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Database:Provider is PostgreSQL but the connection string 'Postgres' (ConnectionStrings:Postgres) is not set.");
            }
            AddContext<PostgresAppDbContext>(builder, options => options.UseNpgsql(connectionString));
        }
        else
        {
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
            AddContext<SqliteAppDbContext>(builder, options => options.UseSqlite(sqlite.ToString())
                .AddInterceptors(new SearchText.SqliteFunctions(), new SqliteBusyTimeout(TimeSpan.FromSeconds(sqlite.DefaultTimeout))));
        }
        builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
        builder.Services.AddDatabaseDeveloperPageExceptionFilter();
    }

    /// <summary>
    /// Registers the provider's context and serves it as <see cref="AppDbContext"/>: the factory and a scoped context
    /// (Identity's stores). Interceptors registered in DI (none in production) join every context: tests use one to
    /// inject failures.
    /// </summary>
    private static void AddContext<TContext>(IHostApplicationBuilder builder, Action<DbContextOptionsBuilder> configure) where TContext : AppDbContext
    {
        builder.Services.AddDbContextFactory<TContext>((services, options) =>
        {
            configure(options);
            options.AddInterceptors(services.GetServices<IInterceptor>());
        });
        builder.Services.AddSingleton<IDbContextFactory<AppDbContext>>(services => new ProviderContextFactory<TContext>(services.GetRequiredService<IDbContextFactory<TContext>>()));
        builder.Services.AddScoped<AppDbContext>(services => services.GetRequiredService<TContext>());
    }

    private sealed class ProviderContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<AppDbContext> where TContext : AppDbContext
    {
        public AppDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<AppDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) => await inner.CreateDbContextAsync(cancellationToken);
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
