using System.Diagnostics;
using System.Globalization;

namespace TrustPortal.Benchmarks;

/// <summary>One finished execution: when it finished (a <see cref="Stopwatch"/> timestamp) and how long it took.</summary>
public readonly record struct Sample(long FinishedAt, double Milliseconds);

/// <summary>The nearest-rank percentile of sorted values.</summary>
public static class Percentiles
{
    public static double Of(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}

/// <summary>
/// Executions per second and p99 in consecutive windows of a run: a run whose figures still climb or fall from window to
/// window was not at steady state (the JIT was still recompiling, a queue was still draining) and says so.
/// </summary>
public static class Timeline
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    public static string Of(IEnumerable<Sample> samples)
    {
        var all = samples.OrderBy(s => s.FinishedAt).ToList();
        if (all.Count == 0)
        {
            return "no executions";
        }
        var first = all[0].FinishedAt;
        var span = Stopwatch.GetElapsedTime(first, all[^1].FinishedAt);
        return string.Join(" | ", all
            .GroupBy(s => (int)(Stopwatch.GetElapsedTime(first, s.FinishedAt) / Window))
            .Select(window =>
            {
                var sorted = window.Select(s => s.Milliseconds).Order().ToList();
                // The last window is usually shorter: the run ended inside it.
                var length = Math.Min(Window.TotalSeconds, span.TotalSeconds - window.Key * Window.TotalSeconds);
                return string.Create(CultureInfo.InvariantCulture,
                    $"{window.Key * Window.TotalSeconds:0}s: {sorted.Count / Math.Max(length, 0.001):0}/s p99 {Percentiles.Of(sorted, 0.99):0} ms");
            }));
    }
}
