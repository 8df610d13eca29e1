namespace TrustPortal.Web.Features.Audit;

/// <summary>
/// Recomputes the chain from the events' content alone (ignoring their stored hashes) and compares it with each
/// time-stamped anchor: an anchor whose head the events no longer hash to proves they were changed after its time,
/// even by someone holding the chain key.
/// </summary>
public sealed class AuditAnchorCheck(IReadOnlyList<AuditAnchor> anchors)
{
    private readonly List<AuditAnchor> ordered = [.. anchors.OrderBy(a => a.Sequence)];
    private string running = AuditChain.GenesisHash;
    private long lastSequence;
    private int next;

    /// <summary>The first anchor the events contradict, with what they hash to now.</summary>
    public AuditAnchorProof? Contradiction { get; private set; }

    public bool Done => next >= ordered.Count || Contradiction is not null;

    public void Add(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (Done)
        {
            return;
        }
        running = AuditChain.ComputeHash(e, running);
        lastSequence = e.Sequence;
        while (next < ordered.Count && ordered[next].Sequence <= e.Sequence)
        {
            var anchor = ordered[next++];
            // An anchor between two stored sequences means events were removed; one at this event must match.
            if (anchor.Sequence < e.Sequence || anchor.Hash != running)
            {
                Contradiction = AuditAnchorProof.Of(anchor, anchor.Sequence == e.Sequence ? running : null);
                return;
            }
        }
    }

    /// <summary>After the last event: an anchor beyond the end proves the newest events were deleted.</summary>
    public AuditAnchorProof? Finish()
    {
        if (Contradiction is null && next < ordered.Count && ordered[next].Sequence > lastSequence)
        {
            Contradiction = AuditAnchorProof.Of(ordered[next], null);
        }
        return Contradiction;
    }
}

/// <summary>An anchor the trail no longer matches: what it time-stamped, when and by whom, and what the events hash to now (null when the event is gone).</summary>
public sealed record AuditAnchorProof(long Sequence, string AnchoredHash, string? CurrentHash, DateTime TimestampUtc, string Authority)
{
    public static AuditAnchorProof Of(AuditAnchor anchor, string? currentHash)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        return new(anchor.Sequence, anchor.Hash, currentHash, anchor.TimestampUtc, anchor.Authority);
    }

    public string Sentence =>
        $"The anchor time-stamped {TimestampUtc:yyyy-MM-dd HH:mm:ss} UTC by {Authority} says the trail through event #{Sequence} hashed to {AuditChainWriter.Short(AnchoredHash)}; "
        + (CurrentHash is null ? $"event #{Sequence} is no longer there." : $"the stored events now hash to {AuditChainWriter.Short(CurrentHash)}.")
        + $" So they were changed after {TimestampUtc:yyyy-MM-dd HH:mm:ss} UTC.";
}
