using TrustPortal.Testing;

namespace TrustPortal.IntegrationTests;

/// <summary>A test of SQLite itself (its file, its locks, its backup API): skipped when the run targets PostgreSQL.</summary>
public sealed class SqliteOnlyFactAttribute : FactAttribute
{
    public SqliteOnlyFactAttribute()
    {
        if (PostgresCluster.IsSelected)
        {
            Skip = "Tests SQLite's own file, locks or backup; the run targets PostgreSQL.";
        }
    }
}

/// <inheritdoc cref="SqliteOnlyFactAttribute"/>
public sealed class SqliteOnlyTheoryAttribute : TheoryAttribute
{
    public SqliteOnlyTheoryAttribute()
    {
        if (PostgresCluster.IsSelected)
        {
            Skip = "Tests SQLite's own file, locks or backup; the run targets PostgreSQL.";
        }
    }
}
