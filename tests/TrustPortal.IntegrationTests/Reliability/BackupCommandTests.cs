using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace TrustPortal.IntegrationTests.Reliability;

/// <summary>The documented command lines, run as real processes: <c>TrustPortal.Web migrate</c> and <c>backup &lt;file&gt;</c>.</summary>
public sealed class BackupCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("trustportal-backup-").FullName;

    [SqliteOnlyFact]
    public async Task Migrate_ThenBackup_WritesAConsistentCopy_AndRefusesToOverwrite()
    {
        var target = Path.Combine(folder, "copy.db");

        var (migrateCode, migrateOutput) = await RunPortalAsync("migrate");
        Assert.True(migrateCode == 0, $"exit {migrateCode}: {migrateOutput}");
        Assert.Contains("The database is migrated and seeded.", migrateOutput, StringComparison.Ordinal);
        var (code, output) = await RunPortalAsync("backup", target);
        var (secondCode, secondOutput) = await RunPortalAsync("backup", target);

        Assert.True(code == 0, $"exit {code}: {output}");
        Assert.Contains("Backed up the database to", output, StringComparison.Ordinal);
        await using (var copy = new SqliteConnection($"Data Source={target};Mode=ReadOnly;Pooling=False"))
        {
            await copy.OpenAsync();
            await using var command = copy.CreateCommand();
            // The copy is a complete database: the schema with its migration history (a fresh one holds no rows yet).
            command.CommandText = "SELECT COUNT(*) FROM __EFMigrationsHistory";
            Assert.True(Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 5);
        }
        Assert.NotEqual(0, secondCode);
        Assert.Contains("already exists", secondOutput, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Output)> RunPortalAsync(params string[] args)
    {
        var web = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(web)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(web);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Storage__DataDirectory"] = Path.Combine(folder, "data");
        start.Environment["Vendor__PublicUrl"] = "https://trust.example.com";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output + await error);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { /* best effort */ }
    }
}
