using TrustPortal.Web.Features.Audit;

namespace TrustPortal.Tests.Audit;

/// <summary>
/// Anchors are checked against the chain recomputed from the events' content, so even a rewrite that recomputed every
/// hash (as someone holding the chain key could) contradicts the anchor taken before it.
/// </summary>
public sealed class AuditAnchorCheckTests
{
    [Fact]
    public void Check_UntouchedEvents_ContradictNoAnchor()
    {
        var events = Chain(5);
        var check = new AuditAnchorCheck([AnchorAt(events[2]), AnchorAt(events[4])]);

        events.ForEach(check.Add);

        Assert.Null(check.Finish());
    }

    [Fact]
    public void Check_EventRewrittenWithRecomputedHashes_ContradictsTheFirstAnchorAfterIt()
    {
        var events = Chain(6);
        var anchors = new[] { AnchorAt(events[0]), AnchorAt(events[3]), AnchorAt(events[5]) };
        events[1].Data = "{\"edited\":true}";
        AuditChain.Link(events, 0, AuditChain.GenesisHash);
        var check = new AuditAnchorCheck(anchors);

        events.ForEach(check.Add);

        var proof = check.Finish();
        Assert.NotNull(proof);
        Assert.Equal(4, proof!.Sequence);
        Assert.Equal(anchors[1].Hash, proof.AnchoredHash);
        Assert.Equal(events[3].Hash, proof.CurrentHash);
    }

    [Fact]
    public void Check_NewestEventsDeleted_ContradictsTheAnchorBeyondTheEnd()
    {
        var events = Chain(5);
        var check = new AuditAnchorCheck([AnchorAt(events[4])]);

        events.Take(3).ToList().ForEach(check.Add);

        var proof = check.Finish();
        Assert.NotNull(proof);
        Assert.Equal(5, proof!.Sequence);
        Assert.Null(proof.CurrentHash);
        Assert.Contains("is no longer there", proof.Sentence, StringComparison.Ordinal);
    }

    private static List<AuditEvent> Chain(int count)
    {
        var events = Enumerable.Range(1, count).Select(i => new AuditEvent
        {
            OccurredAtUtc = new DateTime(2026, 12, 1, 10, 0, i, DateTimeKind.Utc),
            ActorName = "system",
            Action = "test.event",
            EntityType = "Test",
            EntityId = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).ToList();
        AuditChain.Link(events, 0, AuditChain.GenesisHash);
        return events;
    }

    private static AuditAnchor AnchorAt(AuditEvent e) => new()
    {
        Sequence = e.Sequence,
        Hash = e.Hash,
        TimestampUtc = e.OccurredAtUtc.AddMinutes(1),
        Authority = "CN=Test TSA",
    };
}
