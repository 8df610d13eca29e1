using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace TrustPortal.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster for this test process: initdb in a temporary folder, a free port on 127.0.0.1, no
/// fsync, stopped and deleted when the process exits. Never a shared server, never Docker. Each portal host gets a
/// database of its own. Selected by <c>TRUSTPORTAL_TEST_DATABASE=PostgreSQL</c> (tests/run.sh runs the integration
/// tests once on SQLite and once this way).
/// </summary>
public sealed class PostgresCluster
{
    public const string SelectorVariable = "TRUSTPORTAL_TEST_DATABASE";
    private const string Superuser = "portal";

    private static readonly Lazy<PostgresCluster> Instance = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string folder;
    private readonly string binaries;
    private readonly int port;

    private PostgresCluster(string folder, string binaries, int port)
    {
        this.folder = folder;
        this.binaries = binaries;
        this.port = port;
    }

    /// <summary>True when this test run targets PostgreSQL.</summary>
    public static bool IsSelected =>
        string.Equals(Environment.GetEnvironmentVariable(SelectorVariable), "PostgreSQL", StringComparison.OrdinalIgnoreCase);

    /// <summary>The process's cluster, started on first use.</summary>
    public static PostgresCluster Shared => Instance.Value;

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = port,
        Username = Superuser,
        Database = database,
        // Many portal hosts share the cluster during a run; idle connections go back quickly.
        MaxPoolSize = 40,
        ConnectionIdleLifetime = 10,
    }.ToString();

    /// <summary>A new, empty database; returns its connection string.</summary>
    public string CreateDatabase()
    {
        var name = $"portal_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            command.ExecuteNonQuery();
        }
        return ConnectionString(name);
    }

    private static PostgresCluster Start()
    {
        var binaries = FindBinaries();
        var folder = Directory.CreateTempSubdirectory("trustportal-pg-").FullName;
        // PostgreSQL refuses to run as root; on CI the tests often are root, so the server runs as the package's user.
        var runAs = Environment.UserName == "root" ? "postgres" : null;
        if (runAs is not null)
        {
            Run("chown", ["-R", runAs, folder], null);
        }
        var data = Path.Combine(folder, "data");
        Run(Path.Combine(binaries, "initdb"), ["-D", data, "-U", Superuser, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], runAs);
        var port = FreePort();
        var options = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400";
        Run(Path.Combine(binaries, "pg_ctl"), ["-D", data, "-o", options, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "start"], runAs);
        var cluster = new PostgresCluster(folder, binaries, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop(runAs);
        return cluster;
    }

    private void Stop(string? runAs)
    {
        try
        {
            Run(Path.Combine(binaries, "pg_ctl"), ["-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop"], runAs);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { /* best effort */ } catch (UnauthorizedAccessException) { /* best effort */ }
        }
    }

    private static string FindBinaries()
    {
        var versioned = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
        return versioned
            ?? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL's initdb was not found; install Debian's postgresql package (tests/run.sh does).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string program, IReadOnlyList<string> arguments, string? runAs)
    {
        var start = new ProcessStartInfo(runAs is null ? program : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (runAs is not null)
        {
            foreach (var part in new[] { "-u", runAs, "--", program })
            {
                start.ArgumentList.Add(part);
            }
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {output.Result}{error.Result}");
        }
    }
}
