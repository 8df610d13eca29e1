namespace TrustPortal.Web.Infrastructure;

public enum DatabaseProvider { Sqlite, PostgreSql }

/// <summary><c>Database:Provider</c>: <c>Sqlite</c> (the default, one instance) or <c>PostgreSQL</c> (several instances).</summary>
public static class DatabaseProviders
{
    public const string Setting = "Database:Provider";

    public static DatabaseProvider FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[Setting];
        if (string.IsNullOrWhiteSpace(value) || value.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return DatabaseProvider.Sqlite;
        }
        if (value.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase) || value.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            return DatabaseProvider.PostgreSql;
        }
        throw new InvalidOperationException($"{Setting} '{value}' is not supported; use 'Sqlite' or 'PostgreSQL'.");
    }
}
