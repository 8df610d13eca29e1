using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Dpa;
using TrustPortal.Web.Shared;

namespace TrustPortal.Benchmarks;

/// <summary>
/// "executor [signers] [seconds]": N signed-in customers execute the seeded DPA back to back against one portal
/// (Release build, real SQLite file) for a fixed time, nothing else running. Prints executions per second and the
/// p50/p95/p99 latency of one execution (validate, number, render, seal, store, audit, outbox, commit). Exits 1 on any
/// error, any lost execution, or a gap or duplicate in the numbers.
/// </summary>
public static class ExecutorRun
{
    public static async Task<int> RunAsync(int signers, TimeSpan duration, TimeSpan warmUp)
    {
        using var breakdown = new ExecutionBreakdown();
        using var portal = new QuietPortal();
        _ = portal.BaseAddress;
        var customer = await portal.PrincipalForAsync("customer@globex.example");
        Console.WriteLine($"Executor: {signers} concurrent signers (pausing {ThinkTime.TotalMilliseconds:0} ms on average before each) for {duration.TotalSeconds:0} s (after {warmUp.TotalSeconds:0} s warm-up), {Environment.ProcessorCount} cores");

        // Warm-up under the same load: fonts, the seal certificate, the SQLite page cache, and the JIT, whose tiered
        // recompilation of the hot paths takes about 15 s of full load on 2 cores and halves their cost.
        await RunPhaseAsync(portal, customer, signers, warmUp, new ConcurrentBag<Sample>(), new ConcurrentBag<string>(), new ConcurrentBag<Guid>());

        breakdown.Reset();
        var latencies = new ConcurrentBag<Sample>();
        var errors = new ConcurrentBag<string>();
        var executed = new ConcurrentBag<Guid>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await RunPhaseAsync(portal, customer, signers, duration, latencies, errors, executed);
        wall.Stop();
        return await ReportAsync(portal, latencies, errors, executed, wall.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, breakdown);
    }

    private static async Task<int> ReportAsync(QuietPortal portal, ConcurrentBag<Sample> latencies, ConcurrentBag<string> errors, ConcurrentBag<Guid> executed, TimeSpan wall, TimeSpan cpu, ExecutionBreakdown breakdown)
    {
        await using var db = portal.CreateDbContext();
        var ids = executed.ToList();
        var stored = 0;
        foreach (var chunk in ids.Chunk(500))
        {
            stored += await db.Agreements.CountAsync(a => chunk.Contains(a.Id) && db.AgreementDocuments.Any(d => d.AgreementId == a.Id));
        }
        var sequences = await db.Agreements.Where(a => a.Kind == TrustPortal.Web.Shared.AgreementKind.Dpa && a.Year == DateTime.UtcNow.Year)
            .Select(a => a.Sequence).OrderBy(s => s).ToListAsync();
        var gapless = sequences.Count == 0 || (sequences.Distinct().Count() == sequences.Count && sequences[^1] - sequences[0] + 1 == sequences.Count);

        var sorted = latencies.Select(l => l.Milliseconds).Order().ToArray();
        double Percentile(double p) => Percentiles.Of(sorted, p);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"executions: {sorted.Length} in {wall.TotalSeconds:0.0} s = {sorted.Length / wall.TotalSeconds:0.0} /s; "
            + $"p50 {Percentile(0.50):0.0} ms, p95 {Percentile(0.95):0.0} ms, p99 {Percentile(0.99):0.0} ms, max {(sorted.Length == 0 ? 0 : sorted[^1]):0.0} ms"));
        Console.WriteLine($"where the time went: {breakdown}");
        Console.WriteLine($"by {Timeline.Window.TotalSeconds:0} s window (a drift here means the run was not at steady state): {Timeline.Of(latencies)}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CPU: {cpu.TotalMilliseconds / Math.Max(1, sorted.Length):0.0} ms of processor time per execution (all threads, GC included)"));
        Console.WriteLine($"errors: {errors.Count}; lost: {ids.Count - stored} of {ids.Count}; numbers consecutive without duplicates: {gapless}");
        foreach (var error in errors.GroupBy(e => e).OrderByDescending(g => g.Count()).Take(5))
        {
            Console.WriteLine($"  {error.Count()} x {error.Key}");
        }
        return errors.IsEmpty && stored == ids.Count && gapless ? 0 : 1;
    }

    /// <summary>THINK_MS: each signer's pause before each execution (none by default: every signer starts again at once).</summary>
    private static readonly TimeSpan ThinkTime = TimeSpan.FromMilliseconds(
        int.TryParse(Environment.GetEnvironmentVariable("THINK_MS"), CultureInfo.InvariantCulture, out var think) ? think : 0);

    private static async Task RunPhaseAsync(QuietPortal portal, System.Security.Claims.ClaimsPrincipal customer, int signers, TimeSpan duration,
        ConcurrentBag<Sample> latencies, ConcurrentBag<string> errors, ConcurrentBag<Guid> executed)
    {
        var stop = DateTime.UtcNow + duration;
        var workers = Enumerable.Range(0, signers).Select(signer => Task.Run(async () =>
        {
            while (DateTime.UtcNow < stop)
            {
                if (ThinkTime > TimeSpan.Zero)
                {
                    // A person reads and types between two signatures: anywhere from half to one and a half times THINK_MS.
                    await Task.Delay(ThinkTime * (0.5 + Random.Shared.NextDouble()));
                }
                await ExecuteOnceAsync(portal, customer, signer, Stopwatch.GetTimestamp(), latencies, errors, executed);
            }
        })).ToList();
        await Task.WhenAll(workers);
    }

    /// <summary>
    /// Open loop: executions arrive at <paramref name="perSecond"/> whatever the portal's speed, each on its own, for
    /// <paramref name="duration"/>. Latency counts from the planned arrival, so a late start counts against the portal.
    /// </summary>
    public static async Task<int> RunOpenAsync(double perSecond, TimeSpan duration, TimeSpan warmUp)
    {
        using var breakdown = new ExecutionBreakdown();
        using var portal = new QuietPortal();
        _ = portal.BaseAddress;
        var customer = await portal.PrincipalForAsync("customer@globex.example");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Executor, open loop: {perSecond:0.#} arrivals/s for {duration.TotalSeconds:0} s (after {warmUp.TotalSeconds:0} s warm-up), {Environment.ProcessorCount} cores"));
        // Warm-up at the same rate (see RunAsync); what is still running when it ends finishes before the measured arrivals start.
        await ArriveAsync(portal, customer, perSecond, warmUp, new ConcurrentBag<Sample>(), new ConcurrentBag<string>(), new ConcurrentBag<Guid>());

        breakdown.Reset();
        var latencies = new ConcurrentBag<Sample>();
        var errors = new ConcurrentBag<string>();
        var executed = new ConcurrentBag<Guid>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = await ArriveAsync(portal, customer, perSecond, duration, latencies, errors, executed);
        return await ReportAsync(portal, latencies, errors, executed, wall, Process.GetCurrentProcess().TotalProcessorTime - cpu, breakdown);
    }

    private static async Task<TimeSpan> ArriveAsync(QuietPortal portal, System.Security.Claims.ClaimsPrincipal customer, double perSecond, TimeSpan duration,
        ConcurrentBag<Sample> latencies, ConcurrentBag<string> errors, ConcurrentBag<Guid> executed)
    {
        var arrivals = (int)(perSecond * duration.TotalSeconds);
        var start = Stopwatch.GetTimestamp();
        var running = new List<Task>(arrivals);
        for (var i = 0; i < arrivals; i++)
        {
            var planned = start + (long)(i * Stopwatch.Frequency / perSecond);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), planned);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            var signer = i;
            running.Add(Task.Run(() => ExecuteOnceAsync(portal, customer, signer, planned, latencies, errors, executed)));
        }
        await Task.WhenAll(running);
        return Stopwatch.GetElapsedTime(start);
    }

    private static async Task ExecuteOnceAsync(QuietPortal portal, System.Security.Claims.ClaimsPrincipal customer, int signer, long startedAt,
        ConcurrentBag<Sample> latencies, ConcurrentBag<string> errors, ConcurrentBag<Guid> executed)
    {
        try
        {
            await using var scope = portal.ScopeAs(customer, $"198.51.100.{signer % 250}", "ExecutorRun/1.0");
            var draft = Draft(signer);
            var result = await scope.ServiceProvider.GetRequiredService<DpaService>().ExecuteAsync(draft, new DpaSignature { TypedName = draft.SignatoryName, Consent = true });
            if (!result.Succeeded)
            {
                errors.Add($"DPA refused: {string.Join(" ", result.Errors.Select(e => e.ErrorMessage))}");
                return;
            }
            latencies.Add(new Sample(Stopwatch.GetTimestamp(), Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds));
            executed.Add(result.AgreementId!.Value);
        }
#pragma warning disable CA1031 // A benchmark records every failure and goes on.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            errors.Add(exception.GetType().Name + ": " + exception.Message);
        }
    }

    private sealed class QuietPortal : PortalFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            // DRAFT_CONCURRENCY compares settings side by side; unset, the portal's default applies.
            ["Agreements:DraftConcurrency"] = Environment.GetEnvironmentVariable("DRAFT_CONCURRENCY") ?? "0",
        };
    }

    private static DpaDraft Draft(int signer) => new()
    {
        LegalName = $"Executor Customer {signer}",
        Address = "1 Bench Street, Springfield",
        Country = "United States",
        SignatoryName = "Gale Globex",
        SignatoryTitle = "Chief Executive Officer",
        SignatoryEmail = "gale@globex.example",
        DataSubjects = [DpaOptions.DataSubjects[0]],
        DataCategories = [DpaOptions.DataCategories[0]],
        Purposes = "Benchmarking the agreement executor.",
    };
}
