using Microsoft.Data.Sqlite;
using Npgsql;

namespace TrustPortal.Web.Infrastructure;

/// <summary>
/// A failure because another writer held the database past the busy timeout (Database: the connection string's
/// "Default Timeout", 30 s unless set). Nothing was written, so the user can simply try again: a message, not a crash.
/// </summary>
public static class DatabaseBusy
{
    // SQLite's primary result codes; extended codes keep them in the low byte.
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    // PostgreSQL: serialization failure, deadlock detected, lock not available, statement or lock timeout.
    private static readonly HashSet<string> PostgresBusy = ["40001", "40P01", "55P03", "57014"];

    /// <summary>
    /// True for SQLITE_BUSY or SQLITE_LOCKED, PostgreSQL's lock and serialization failures, or a timeout, anywhere in
    /// the chain (EF wraps them in DbUpdateException).
    /// </summary>
    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SqliteException { SqliteErrorCode: var code } && (code & 0xFF) is SqliteBusy or SqliteLocked
                || e is PostgresException { SqlState: var state } && PostgresBusy.Contains(state)
                || e is TimeoutException)
            {
                return true;
            }
        }
        return false;
    }
}
