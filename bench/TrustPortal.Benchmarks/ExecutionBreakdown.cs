using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using TrustPortal.Web.Features.Agreements.Execution;

namespace TrustPortal.Benchmarks;

/// <summary>Listens to the executor's metrics and prints the mean of each: where an execution's time went.</summary>
public sealed class ExecutionBreakdown : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, (double Sum, long Count)> totals = new();

    public ExecutionBreakdown()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ExecutionMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Add(instrument.Name, value));
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Add(instrument.Name, value));
        listener.Start();
    }

    /// <summary>Forgets what was measured so far (the warm-up).</summary>
    public void Reset() => totals.Clear();

    public override string ToString() => string.Join("; ", totals.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t =>
        t.Key.EndsWith(".duration", StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"{Short(t.Key)} mean {t.Value.Sum / Math.Max(1, t.Value.Count):0.0} ms")
            : string.Create(CultureInfo.InvariantCulture, $"{Short(t.Key)} {t.Value.Sum:0}")));

    private static string Short(string name) => name.Replace("trustportal.execution.", "", StringComparison.Ordinal).Replace(".duration", "", StringComparison.Ordinal);

    private void Add(string name, double value) => totals.AddOrUpdate(name, (value, 1), (_, t) => (t.Sum + value, t.Count + 1));

    public void Dispose() => listener.Dispose();
}
