using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TrustPortal.Web.Infrastructure;

/// <summary>
/// Lets SQLite itself wait for a locked database (<c>PRAGMA busy_timeout</c>) on every connection as it opens.
/// </summary>
/// <remarks>
/// Without it, Microsoft.Data.Sqlite retries a busy statement after sleeping 150 ms each time. One executor waiting
/// behind the outbox's short commit then stalled every signer queued behind it for 150 ms: the tail of the
/// executor's latency. SQLite's own handler retries within a few milliseconds of the lock being released. The wait is as
/// long as the connection's Default Timeout, so a database that stays locked still fails as before.
/// </remarks>
public sealed class SqliteBusyTimeout(TimeSpan timeout) : DbConnectionInterceptor
{
    private readonly string pragma = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)timeout.TotalMilliseconds};");

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    // Microsoft.Data.Sqlite runs every command synchronously, so the async path has nothing to await.
    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
        {
            using var command = sqlite.CreateCommand();
            command.CommandText = pragma;
            command.ExecuteNonQuery();
        }
    }
}
