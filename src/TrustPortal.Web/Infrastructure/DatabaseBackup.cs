using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Infrastructure;

/// <summary>
/// <c>dotnet run --project src/TrustPortal.Web -- backup &lt;file&gt;</c>: a consistent copy of the live SQLite database
/// through SQLite's online backup API, safe while the portal is running. Restore by stopping the portal and copying
/// the file back over the database (see README).
/// </summary>
public static class DatabaseBackup
{
    /// <summary>Runs the backup command when the arguments ask for it; returns true when it did (the process then ends).</summary>
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        if (args is not ["backup", ..])
        {
            return false;
        }
        if (args is not ["backup", var target] || string.IsNullOrWhiteSpace(target))
        {
            await Console.Error.WriteLineAsync("Usage: dotnet run --project src/TrustPortal.Web -- backup <file>");
            Environment.ExitCode = 2;
            return true;
        }
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        if (!db.Database.IsSqlite())
        {
            await Console.Error.WriteLineAsync("The backup command copies the SQLite database. On PostgreSQL use pg_dump (see deploy/README.md).");
            Environment.ExitCode = 2;
            return true;
        }
        var path = Path.GetFullPath(target);
        var pages = await BackupAsync(db, path);
        Console.WriteLine($"Backed up the database to {path} ({pages} pages, {new FileInfo(path).Length:N0} bytes).");
        return true;
    }

    public static async Task<int> BackupAsync(AppDbContext db, string targetPath)
    {
        var directory = Path.GetDirectoryName(targetPath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        if (File.Exists(targetPath))
        {
            throw new IOException($"{targetPath} already exists; choose a new file so no backup is overwritten.");
        }
        var source = (SqliteConnection)db.Database.GetDbConnection();
        await source.OpenAsync();
        await using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = targetPath, Pooling = false }.ToString());
        await destination.OpenAsync();
        source.BackupDatabase(destination);
        await using var command = destination.CreateCommand();
        command.CommandText = "PRAGMA page_count;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
