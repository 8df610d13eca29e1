using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Dpa;

namespace TrustPortal.Benchmarks;

/// <summary>
/// "load [users] [seconds]": the whole portal (Release build, real Kestrel, real SQLite file) under N concurrent users
/// for a while. Nine in ten users read public pages over HTTP; one in ten submits DPAs as a signed-in customer.
/// Reports errors, lost submissions (an executed result without its stored agreement and PDF) and latency
/// percentiles. Exits 1 on any error or loss.
/// </summary>
public static class LoadRun
{
    private static readonly string[] PublicPages = ["/", "/commitments", "/compliance", "/subprocessors", "/verify", "/healthz"];

    public static async Task<int> RunAsync(int users, TimeSpan duration)
    {
        using var portal = new QuietPortal();
        var baseAddress = portal.BaseAddress;
        var customer = await portal.PrincipalForAsync("customer@globex.example");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        var pageLatencies = new ConcurrentBag<double>();
        var submitLatencies = new ConcurrentBag<double>();
        var errors = new ConcurrentBag<string>();
        var executed = new ConcurrentBag<Guid>();
        var stop = DateTime.UtcNow + duration;
        Console.WriteLine($"Load: {users} users for {duration.TotalSeconds:0} s against {baseAddress}");

        var workers = Enumerable.Range(0, users).Select(user => Task.Run(async () =>
        {
            var submitter = user % 10 == 0;
            var random = new Random(user);
            while (DateTime.UtcNow < stop)
            {
                var watch = Stopwatch.StartNew();
                try
                {
                    if (submitter)
                    {
                        await using var scope = portal.ScopeAs(customer, $"198.51.100.{user % 250}", "LoadRun/1.0");
                        var draft = Draft(user);
                        var result = await scope.ServiceProvider.GetRequiredService<DpaService>().ExecuteAsync(draft, new DpaSignature { TypedName = draft.SignatoryName, Consent = true });
                        if (!result.Succeeded)
                        {
                            errors.Add($"DPA refused: {string.Join(" ", result.Errors.Select(e => e.ErrorMessage))}");
                            continue;
                        }
                        executed.Add(result.AgreementId!.Value);
                        submitLatencies.Add(watch.Elapsed.TotalMilliseconds);
                    }
                    else
                    {
                        using var response = await http.GetAsync(PublicPages[random.Next(PublicPages.Length)]);
                        await response.Content.ReadAsByteArrayAsync();
                        if (!response.IsSuccessStatusCode)
                        {
                            errors.Add($"{response.RequestMessage!.RequestUri!.AbsolutePath}: {(int)response.StatusCode}");
                        }
                        pageLatencies.Add(watch.Elapsed.TotalMilliseconds);
                    }
                }
#pragma warning disable CA1031 // A load run records every failure and goes on.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    errors.Add(exception.GetType().Name + ": " + exception.Message);
                }
            }
        })).ToList();
        await Task.WhenAll(workers);

        await using var db = portal.CreateDbContext();
        var ids = executed.ToList();
        var stored = 0;
        foreach (var chunk in ids.Chunk(500))
        {
            stored += await db.Agreements.CountAsync(a => chunk.Contains(a.Id) && db.AgreementDocuments.Any(d => d.AgreementId == a.Id));
        }
        var lost = ids.Count - stored;
        Report("public pages", pageLatencies, duration);
        Report("DPA submissions", submitLatencies, duration);
        Console.WriteLine($"errors: {errors.Count}; lost submissions: {lost} of {ids.Count}");
        foreach (var error in errors.GroupBy(e => e).OrderByDescending(g => g.Count()).Take(5))
        {
            Console.WriteLine($"  {error.Count()} x {error.Key}");
        }
        return errors.IsEmpty && lost == 0 ? 0 : 1;
    }

    private static void Report(string what, ConcurrentBag<double> latencies, TimeSpan duration)
    {
        var sorted = latencies.Order().ToArray();
        if (sorted.Length == 0)
        {
            Console.WriteLine($"{what}: none");
            return;
        }
        double Percentile(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {sorted.Length} requests, {sorted.Length / duration.TotalSeconds:0} /s, p50 {Percentile(0.50):0.0} ms, p95 {Percentile(0.95):0.0} ms, p99 {Percentile(0.99):0.0} ms, max {sorted[^1]:0.0} ms"));
    }

    /// <summary>The portal without per-request logging, which would otherwise be most of what the run measures.</summary>
    private sealed class QuietPortal : PortalFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        };
    }

    private static DpaDraft Draft(int user) => new()
    {
        LegalName = $"Load Customer {user}",
        Address = "1 Load Street, Springfield",
        Country = "United States",
        SignatoryName = "Gale Globex",
        SignatoryTitle = "Chief Executive Officer",
        SignatoryEmail = "gale@globex.example",
        DataSubjects = [DpaOptions.DataSubjects[0]],
        DataCategories = [DpaOptions.DataCategories[0]],
        Purposes = "Load testing the DPA pipeline.",
    };
}
