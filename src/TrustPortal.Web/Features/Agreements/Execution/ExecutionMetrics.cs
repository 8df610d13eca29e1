using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TrustPortal.Web.Features.Agreements.Execution;

/// <summary>
/// Where an execution's time goes, as metrics any listener can read (dotnet-counters, OpenTelemetry, the executor
/// benchmark): rendering a draft, waiting for the turn, and the transaction that everyone queues for.
/// </summary>
public sealed class ExecutionMetrics
{
    public const string MeterName = "TrustPortal.Execution";

    private readonly Histogram<double> draft;
    private readonly Histogram<double> queue;
    private readonly Histogram<double> transaction;
    private readonly Counter<long> renderedUnderLock;

    public ExecutionMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        draft = meter.CreateHistogram<double>("trustportal.execution.draft.duration", "ms", "Rendering and sealing one draft, outside any transaction.");
        queue = meter.CreateHistogram<double>("trustportal.execution.queue.duration", "ms", "Waiting for this instance's turn at the database.");
        transaction = meter.CreateHistogram<double>("trustportal.execution.transaction.duration", "ms", "The execution's one transaction, lock to commit.");
        renderedUnderLock = meter.CreateCounter<long>("trustportal.execution.rendered_under_lock", "{execution}", "Executions whose draft did not hold, so the PDF was rendered inside the transaction.");
    }

    public void Drafted(long startedAt) => draft.Record(Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds);

    public void Queued(long startedAt) => queue.Record(Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds);

    public void Transacted(long startedAt, bool draftUsed)
    {
        transaction.Record(Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds);
        if (!draftUsed)
        {
            renderedUnderLock.Add(1);
        }
    }
}
