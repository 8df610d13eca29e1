using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using netDumbster.smtp;
using TrustPortal.Testing;

namespace TrustPortal.Benchmarks.ScaleOut;

/// <summary>
/// "scaleout [web folder] [users] [seconds] [kill at] [links]": the published portal as two real instances on a
/// throwaway PostgreSQL cluster behind nginx, under load, and one instance killed (SIGKILL) halfway. Afterwards the
/// database is checked: every signature acknowledged to a user is stored with a valid PDF, numbers have no gap or
/// duplicate, the audit chain verifies, every queued email is sent once, published content reached both instances
/// within 2 seconds, and the only failed requests are those in flight on the killed instance. Exits 1 otherwise.
/// </summary>
public static class ScaleOutRun
{
    public static async Task<int> RunAsync(string webDirectory, int users, TimeSpan duration, TimeSpan killAt, int linkCount)
    {
        var folder = Directory.CreateTempSubdirectory("trustportal-scaleout-").FullName;
        Console.WriteLine($"Scale-out: {users} users for {duration.TotalSeconds:0} s through nginx to two instances, one killed at {killAt.TotalSeconds:0} s; logs in {folder}");
        var database = PostgresCluster.Shared.CreateDatabase();
        var smtpPort = ScaleOutProcesses.FreePort();
        using var smtp = SimpleSmtpServer.Start(smtpPort);
        using var processes = new ScaleOutProcesses(webDirectory, folder);
        var shared = new Dictionary<string, string>
        {
            ["Database:Provider"] = "PostgreSQL",
            ["ConnectionStrings:Postgres"] = database,
            ["Database:MigrateOnStartup"] = "false",
            ["Audit:ChainKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Vendor:PublicUrl"] = processes.PublicUrl.ToString(),
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            // A dead sender's claimed messages go to another sender once the lease runs out.
            ["Email:SendLease"] = "00:00:10",
            ["Email:PollInterval"] = "00:00:00.500",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        };
        foreach (var (key, value) in shared)
        {
            processes.Settings[key] = value;
        }
        processes.Settings["ASPNETCORE_ENVIRONMENT"] = "Production";
        processes.Settings["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1";

        Console.WriteLine($"migrate: {(await processes.MigrateAsync()).TotalSeconds:0.0} s");
        using var admin = new ScaleOutAdmin(shared);
        _ = admin.BaseAddress;
        var links = new ConcurrentQueue<SigningLink>(await admin.PrepareSignatureLinksAsync(smtp, linkCount));
        Console.WriteLine($"prepared {links.Count} DPAs for signature by email");
        await processes.StartInstancesAsync();
        await processes.StartNginxAsync();
        await WarmUpAsync(processes);

        var clock = Stopwatch.StartNew();
        var load = new ScaleOutLoad(processes.PublicUrl, links, smtp, clock);
        var running = load.RunAsync(users, duration);
        var firstPublish = PublishAndWatchAsync(admin, processes, [0, 1], clock, killAt / 3);
        await Task.Delay(killAt);
        processes.Kill(1);
        var killedAt = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"killed instance 2 at {killedAt:0.0} s");
        var secondPublish = PublishAndWatchAsync(admin, processes, [0], clock, killAt + (duration - killAt) / 2);
        await running;
        var published = (await firstPublish).Concat(await secondPublish).ToList();

        var checks = await ScaleOutChecks.RunAsync(admin, smtp, load.Acknowledged.ToHashSet());
        return Report(load, duration, killedAt, $"127.0.0.1:{processes.InstancePorts[1]}", published, checks) ? 0 : 1;
    }

    private static async Task WarmUpAsync(ScaleOutProcesses processes)
    {
        using var http = new HttpClient();
        foreach (var port in processes.InstancePorts)
        {
            foreach (var path in new[] { "/", "/commitments", "/compliance", "/subprocessors", "/verify" })
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}{path}"));
                response.EnsureSuccessStatusCode();
            }
        }
    }

    /// <summary>
    /// Publishes an edit at <paramref name="at"/>, then asks each listed instance for the page every 100 ms (without
    /// waiting for earlier answers, which take long under load) until one answer shows the edit. Returns, per instance,
    /// when the first request that got the edit was sent and when it was answered, in seconds after publishing: a
    /// visitor who asked at the first time saw the new content.
    /// </summary>
    private static async Task<List<(int Instance, double Sent, double Answered)>> PublishAndWatchAsync(
        ScaleOutAdmin admin, ScaleOutProcesses processes, int[] instances, Stopwatch clock, TimeSpan at)
    {
        await Task.Delay(at - clock.Elapsed);
        var sentence = $"Scale out check {Guid.NewGuid():N}";
        await admin.PublishAsync(sentence);
        var publishedAt = Stopwatch.StartNew();
        using var http = new HttpClient();
        return (await Task.WhenAll(instances.Select(async instance =>
        {
            var url = new Uri($"http://127.0.0.1:{processes.InstancePorts[instance]}/commitments");
            var polls = new List<Task<(double Sent, double Answered, bool Shows)>>();
            while (publishedAt.Elapsed < TimeSpan.FromSeconds(30) && !polls.Any(p => p.IsCompletedSuccessfully && p.Result.Shows))
            {
                var sent = publishedAt.Elapsed.TotalSeconds;
                polls.Add(Task.Run(async () =>
                {
                    var shows = await ShowsAsync(http, url, sentence);
                    return (sent, publishedAt.Elapsed.TotalSeconds, shows);
                }));
                await Task.Delay(100);
            }
            var fresh = (await Task.WhenAll(polls)).Where(p => p.Shows).OrderBy(p => p.Sent).FirstOrDefault((Sent: 30.0, Answered: 30.0, Shows: false));
            return (instance + 1, fresh.Sent, fresh.Answered);
        }))).ToList();
    }

    private static async Task<bool> ShowsAsync(HttpClient http, Uri url, string sentence)
    {
        try
        {
            return (await http.GetStringAsync(url)).Contains(sentence, StringComparison.Ordinal);
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static bool Report(ScaleOutLoad load, TimeSpan duration, double killedAt, string killedInstance, List<(int Instance, double Sent, double Answered)> published,
        ScaleOutCheckResult checks)
    {
        var outcomes = load.Outcomes.ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"requests: {outcomes.Count} in {duration.TotalSeconds:0} s = {outcomes.Count / duration.TotalSeconds:0} /s"));
        foreach (var kind in outcomes.GroupBy(o => o.Kind))
        {
            var sorted = kind.Where(o => o.Error is null).Select(o => o.Milliseconds).Order().ToArray();
            double Percentile(double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {kind.Key}: {kind.Count()} ({kind.Count(o => o.Error is not null)} failed), p50 {Percentile(0.5):0} ms, p99 {Percentile(0.99):0} ms, max {(sorted.Length == 0 ? 0 : sorted[^1]):0} ms"));
        }
        var failed = outcomes.Where(o => o.Error is not null).ToList();
        // In flight on the killed instance: sent before the kill, and nginx's answer names that instance. A failure with no
        // answer from nginx, or from the instance that stayed up, counts against the run whenever it happened.
        var inFlight = failed.Where(o => o.StartSeconds <= killedAt && o.EndSeconds >= killedAt
            && o.Upstream is { } upstream && upstream.Contains(killedInstance, StringComparison.Ordinal)).ToList();
        var unexpected = failed.Except(inFlight).ToList();
        Console.WriteLine($"errors: {failed.Count}; in flight on the killed instance ({killedInstance}): {inFlight.Count}; any other: {unexpected.Count}");
        foreach (var error in unexpected.GroupBy(o => o.Error).OrderByDescending(g => g.Count()).Take(5))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {error.Count()} x {error.Key} (first at {error.Min(o => o.StartSeconds):0.0} s)"));
        }
        foreach (var (instance, sent, answered) in published)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"published content shown by instance {instance} to a request sent {sent:0.00} s after publishing (answered at {answered:0.00} s)"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"signatures acknowledged: {load.Acknowledged.Count} ({load.Acknowledged.Count / duration.TotalSeconds:0.0} /s); stored with a valid PDF: {checks.AcknowledgedStoredValid}; "
            + $"executed but not acknowledged (lost with the instance): {checks.StoredNotAcknowledged}"));
        Console.WriteLine($"DPA numbers 1..{checks.Numbers}: gaps {checks.Gaps}, duplicates {checks.Duplicates}; PDFs failing pdfsig: {checks.InvalidPdfs}");
        Console.WriteLine($"audit chain: {checks.AuditChain}");
        Console.WriteLine($"emails queued {checks.EmailsQueued}, received {checks.EmailsReceived}, distinct {checks.EmailsDistinct}, sent twice {checks.EmailsReceived - checks.EmailsDistinct}, never sent {checks.EmailsLost}");
        var ok = unexpected.Count == 0
            && checks.AcknowledgedStoredValid == load.Acknowledged.Count
            && checks.Gaps == 0 && checks.Duplicates == 0 && checks.InvalidPdfs == 0
            && checks.AuditChainIntact
            && checks.EmailsLost == 0 && checks.EmailsReceived == checks.EmailsDistinct
            && published.All(p => p.Sent <= 2);
        Console.WriteLine(ok ? "scale-out: every check held" : "scale-out: a check FAILED");
        return ok;
    }
}
