using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TrustPortal.Benchmarks.ScaleOut;

/// <summary>
/// The processes of a two-instance deployment on this machine, each a real process: the published portal run once as
/// <c>migrate</c>, then two instances with migration on start-up turned off, and nginx in front of them with the
/// deployment's proxy rules (consistent hash on the client address, forwarded headers, retry of requests that never
/// reached an instance). Logs go to the run's folder.
/// </summary>
public sealed class ScaleOutProcesses(string webDirectory, string folder) : IDisposable
{
    private readonly List<Process> processes = [];

    /// <summary>Configuration every portal process gets, as environment variables.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    public int NginxPort { get; } = FreePort();

    public IReadOnlyList<int> InstancePorts { get; } = [FreePort(), FreePort()];

    public Uri PublicUrl => new($"http://127.0.0.1:{NginxPort}");

    public Process[] Instances { get; } = new Process[2];

    /// <summary>"migrate": migrations, the audit chain, the shipped templates; returns how long it took.</summary>
    public async Task<TimeSpan> MigrateAsync()
    {
        var watch = Stopwatch.StartNew();
        using var migrate = Start("migrate", ["TrustPortal.Web.dll", "migrate"], Path.Combine(folder, "migrate"));
        await migrate.WaitForExitAsync();
        if (migrate.ExitCode != 0)
        {
            throw new InvalidOperationException($"migrate exited with {migrate.ExitCode}; see {folder}/migrate.log.");
        }
        return watch.Elapsed;
    }

    public async Task StartInstancesAsync()
    {
        for (var i = 0; i < Instances.Length; i++)
        {
            Instances[i] = Start($"instance{i + 1}", ["TrustPortal.Web.dll", "--urls", $"http://127.0.0.1:{InstancePorts[i]}"],
                Path.Combine(folder, $"instance{i + 1}"));
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var port in InstancePorts)
        {
            await WaitForAsync(http, new Uri($"http://127.0.0.1:{port}/healthz"), TimeSpan.FromSeconds(90));
        }
    }

    public async Task StartNginxAsync()
    {
        var root = Path.Combine(folder, "nginx");
        Directory.CreateDirectory(root);
        var configuration = Path.Combine(root, "nginx.conf");
        await File.WriteAllTextAsync(configuration, NginxConfiguration(root));
        var nginx = new ProcessStartInfo("nginx", ["-p", root, "-c", configuration, "-g", "daemon off;"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        processes.Add(Process.Start(nginx) ?? throw new InvalidOperationException("nginx did not start."));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await WaitForAsync(http, new Uri(PublicUrl, "/healthz"), TimeSpan.FromSeconds(30));
    }

    /// <summary>SIGKILL: the instance gets no chance to finish anything, as when its machine dies.</summary>
    public void Kill(int index) => Instances[index].Kill(entireProcessTree: true);

    private Process Start(string name, string[] arguments, string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = webDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in Settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        start.Environment["Storage__DataDirectory"] = dataDirectory;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start.");
        var log = new StreamWriter(Path.Combine(folder, $"{name}.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        processes.Add(process);
        return process;
    }

    private static async Task WaitForAsync(HttpClient http, Uri url, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            catch (TaskCanceledException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{url} did not answer within {timeout.TotalSeconds:0} s.");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// deploy/nginx/trustportal.conf's proxy rules on plain HTTP, with every path under the run's folder, and an X-Upstream
    /// header naming the instance that answered, so the report can tell which failures the killed instance caused.
    /// </summary>
    private string NginxConfiguration(string root)
    {
        var user = Environment.UserName == "root" ? "user root;" : "";
        var servers = string.Join("\n", InstancePorts.Select(p => $"        server 127.0.0.1:{p} max_fails=3 fail_timeout=30s;"));
        return string.Create(CultureInfo.InvariantCulture, $$"""
            {{user}}
            worker_processes 1;
            pid {{root}}/nginx.pid;
            error_log {{root}}/error.log warn;
            events { worker_connections 4096; }
            http {
                access_log off;
                client_body_temp_path {{root}}/body;
                proxy_temp_path {{root}}/proxy;
                fastcgi_temp_path {{root}}/fastcgi;
                uwsgi_temp_path {{root}}/uwsgi;
                scgi_temp_path {{root}}/scgi;
                map $http_upgrade $connection_upgrade { default upgrade; '' ''; }
                upstream trustportal {
                    hash $remote_addr consistent;
            {{servers}}
                    keepalive 32;
                }
                server {
                    listen 127.0.0.1:{{NginxPort}};
                    client_max_body_size 25m;
                    proxy_set_header Host              $host;
                    proxy_set_header X-Forwarded-For   $proxy_add_x_forwarded_for;
                    proxy_set_header X-Forwarded-Proto $scheme;
                    proxy_set_header X-Forwarded-Host  $host;
                    proxy_set_header Upgrade           $http_upgrade;
                    proxy_set_header Connection        $connection_upgrade;
                    proxy_http_version 1.1;
                    proxy_next_upstream error timeout http_502 http_503;
                    proxy_next_upstream_tries 2;
                    proxy_connect_timeout 5s;
                    # The bench's only addition: which instance (or instances, when nginx tried the next) answered.
                    add_header X-Upstream $upstream_addr always;
                    location / { proxy_pass http://trustportal; proxy_read_timeout 120s; }
                }
            }
            """);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        foreach (var process in processes)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            process.Dispose();
        }
    }
}
