using System.Security.Cryptography.Pkcs;
using Microsoft.Extensions.Options;
using TrustPortal.Documents;

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

    /// <summary>A held slot; disposing it (or <see cref="Release"/>, once) lets the next draft render.</summary>
    public sealed class Lease(SemaphoreSlim slots) : IDisposable
    {
        private int released;

        public void Release()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                slots.Release();
            }
        }

        /// <summary>
        /// <paramref name="timestamper"/>, giving the slot back before it waits for a time-stamp authority: the slot is for
        /// the CPU work of rendering, not for a network round trip.
        /// </summary>
        public ISealTimestamper? ReleasingBefore(ISealTimestamper? timestamper) => timestamper is null ? null : new Releasing(this, timestamper);

        public void Dispose() => Release();

        private sealed class Releasing(Lease lease, ISealTimestamper inner) : ISealTimestamper
        {
            public Task<Rfc3161TimestampToken?> TimestampAsync(ReadOnlyMemory<byte> signatureValue, CancellationToken cancellationToken)
            {
                lease.Release();
                return inner.TimestampAsync(signatureValue, cancellationToken);
            }
        }
    }
}
