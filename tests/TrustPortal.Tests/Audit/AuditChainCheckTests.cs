using System.Security.Cryptography;
using TrustPortal.Web.Features.Audit;

namespace TrustPortal.Tests.Audit;

/// <summary>
/// The verifier's rules over a signed chain in memory. The attacker here can change any row, the head and the
/// checkpoint file, and knows the (public) hash algorithm, but not the chain key.
/// </summary>
public sealed class AuditChainCheckTests
{
    private static readonly AuditChainKey Key = new(RandomNumberGenerator.GetBytes(32));

    private sealed record Chain(List<AuditEvent> Events, AuditHead Head, AuditCheckpointRecord Checkpoint);

    private static Chain SignedChain(int count)
    {
        var events = Enumerable.Range(1, count).Select(i => new AuditEvent
        {
            OccurredAtUtc = new DateTime(2026, 11, 29, 10, 0, i, DateTimeKind.Utc),
            ActorId = "u1",
            ActorName = "legal@trustportal.local",
            Action = "agreement.executed",
            EntityType = "Agreement",
            EntityId = $"DPA-2026-{i:000000}",
            IpAddress = "203.0.113.7",
        }).ToList();
        AuditChain.Link(events, 0, AuditChain.GenesisHash);
        foreach (var e in events)
        {
            e.Mac = Key.SignEvent(e.Sequence, e.Hash);
        }
        var last = events.Count == 0 ? (Sequence: 0L, Hash: AuditChain.GenesisHash) : (events[^1].Sequence, events[^1].Hash);
        return new Chain(events, SignedHead(last.Sequence, last.Hash), new AuditCheckpointRecord(last.Sequence, last.Hash, Key.SignCheckpoint(last.Sequence, last.Hash)));
    }

    private static AuditHead SignedHead(long sequence, string hash)
    {
        var head = new AuditHead { Sequence = sequence, Hash = hash };
        head.Mac = Key.SignHead(head);
        return head;
    }

    private static AuditChainReport Verify(IEnumerable<AuditEvent> events, AuditHead? head, AuditCheckpointRecord? checkpoint, AuditChainKey? key = null)
    {
        var check = new AuditChainCheck(key ?? Key, head, checkpoint);
        foreach (var e in events)
        {
            if (!check.Add(e))
            {
                break;
            }
        }
        return check.Finish();
    }

    /// <summary>What someone with database access but no key can do: edit an event and recompute every later hash.</summary>
    private static void EditAndRecomputeLaterHashes(List<AuditEvent> events, int index, Action<AuditEvent> edit)
    {
        edit(events[index]);
        for (var i = index; i < events.Count; i++)
        {
            events[i].PreviousHash = i == 0 ? AuditChain.GenesisHash : events[i - 1].Hash;
            events[i].Hash = AuditChain.ComputeHash(events[i]);
        }
    }

    [Fact]
    public void Verify_UntouchedChain_IsIntact()
    {
        var chain = SignedChain(5);

        var report = Verify(chain.Events, chain.Head, chain.Checkpoint);

        Assert.Equal(AuditChainStatus.Intact, report.Status);
        Assert.Equal(5, report.EventsChecked);
        Assert.Null(report.Problem);
    }

    [Fact]
    public void Verify_EmptyTrailWithoutHead_IsIntact()
    {
        Assert.True(Verify([], head: null, checkpoint: null).IsIntact);
    }

    [Fact]
    public void Verify_NewestEventsDeleted_ReportsMissingTailFromTheSignedHead()
    {
        var chain = SignedChain(5);

        var report = Verify(chain.Events.Take(3), chain.Head, checkpoint: null);

        Assert.Equal(AuditChainStatus.MissingTail, report.Status);
        Assert.Equal(4, report.FirstBrokenSequence);
        Assert.Equal("Events #4 to #5 are missing from the end of the trail.", report.Problem);
        Assert.Contains("says the last event is #5", report.Evidence, StringComparison.Ordinal);
        Assert.Contains("now ends at #3", report.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_NewestEventsDeletedAndHeadRewoundWithoutTheKey_ReportsTheAlteredHead()
    {
        var chain = SignedChain(5);
        var third = chain.Events[2];
        // The best forgery available: the head moved back to event #3, with event #3's own signature.
        var forged = new AuditHead { Sequence = 3, Hash = third.Hash, Mac = third.Mac };

        var report = Verify(chain.Events.Take(3), forged, checkpoint: null);

        Assert.Equal(AuditChainStatus.Rewritten, report.Status);
        Assert.Contains("head record", report.Problem, StringComparison.Ordinal);
        Assert.Contains("key signature does not match", report.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_HeadPutBackToAnOlderSignedCopy_ReportsMissingTailFromTheCheckpoint()
    {
        var chain = SignedChain(5);
        var olderHead = SignedHead(3, chain.Events[2].Hash);

        var report = Verify(chain.Events.Take(3), olderHead, chain.Checkpoint);

        Assert.Equal(AuditChainStatus.MissingTail, report.Status);
        Assert.Equal(4, report.FirstBrokenSequence);
        Assert.Contains("checkpoint kept outside the database says the last event is #5", report.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_EventEditedAndLaterHashesRecomputed_ReportsTheRewriteAtThatEvent()
    {
        var chain = SignedChain(5);
        EditAndRecomputeLaterHashes(chain.Events, 2, e => e.ActorName = "someone else");

        var report = Verify(chain.Events, chain.Head, chain.Checkpoint);

        Assert.Equal(AuditChainStatus.Rewritten, report.Status);
        Assert.Equal(3, report.FirstBrokenSequence);
        Assert.Equal(2, report.EventsChecked);
        Assert.Equal("It was rewritten by someone without the chain key.", report.Problem);
        Assert.Contains("hash was recomputed outside the portal", report.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_EventEditedWithoutRecomputing_ReportsChangedContent()
    {
        var chain = SignedChain(5);
        chain.Events[1].Data = """{"reason":"changed"}""";

        var report = Verify(chain.Events, chain.Head, chain.Checkpoint);

        Assert.Equal(AuditChainStatus.Rewritten, report.Status);
        Assert.Equal(2, report.FirstBrokenSequence);
        Assert.Equal("Its content was changed after it was recorded.", report.Problem);
    }

    [Fact]
    public void Verify_EventInTheMiddleDeleted_ReportsTheGap()
    {
        var chain = SignedChain(5);
        chain.Events.RemoveAt(1);

        var report = Verify(chain.Events, chain.Head, chain.Checkpoint);

        Assert.Equal(AuditChainStatus.Rewritten, report.Status);
        Assert.Equal(2, report.FirstBrokenSequence);
        Assert.Equal("Event #2 is missing.", report.Problem);
    }

    [Fact]
    public void Verify_EventWithoutSignature_IsReportedAsRewritten()
    {
        var chain = SignedChain(3);
        chain.Events[0].Mac = "";

        var report = Verify(chain.Events, chain.Head, chain.Checkpoint);

        Assert.Equal(AuditChainStatus.Rewritten, report.Status);
        Assert.Equal(1, report.FirstBrokenSequence);
    }

    [Fact]
    public void Verify_WithAnotherKey_ReportsTheFirstEvent()
    {
        var chain = SignedChain(3);

        var report = Verify(chain.Events, chain.Head, chain.Checkpoint, new AuditChainKey(RandomNumberGenerator.GetBytes(32)));

        Assert.Equal(AuditChainStatus.Rewritten, report.Status);
        Assert.Equal(1, report.FirstBrokenSequence);
    }

    [Fact]
    public void Verify_HeadDeleted_ReportsTheMissingHead()
    {
        var chain = SignedChain(3);

        var report = Verify(chain.Events, head: null, checkpoint: null);

        Assert.Equal(AuditChainStatus.Rewritten, report.Status);
        Assert.Contains("head record", report.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_CheckpointAltered_ReportsIt()
    {
        var chain = SignedChain(3);

        var report = Verify(chain.Events, chain.Head, chain.Checkpoint with { Sequence = 2 });

        Assert.Equal(AuditChainStatus.Rewritten, report.Status);
        Assert.Contains("checkpoint", report.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_CheckpointRemembersAnotherHashForAnEvent_ReportsTheRewrite()
    {
        // The head and rows agree, yet the checkpoint remembers another hash for #2: the chain was rebuilt since.
        var chain = SignedChain(3);
        var remembered = new AuditCheckpointRecord(2, new string('a', 64), Key.SignCheckpoint(2, new string('a', 64)));

        var report = Verify(chain.Events, chain.Head, remembered);

        Assert.Equal(AuditChainStatus.Rewritten, report.Status);
        Assert.Equal(2, report.FirstBrokenSequence);
    }

    [Fact]
    public void Verify_AnomalyNotedByAnAppend_StaysReported()
    {
        var chain = SignedChain(4);
        var head = new AuditHead { Sequence = 4, Hash = chain.Events[^1].Hash, AnomalyAtSequence = 4, AnomalyNote = "The head record was missing; the trail ended at #3." };
        head.Mac = Key.SignHead(head);

        var report = Verify(chain.Events, head, chain.Checkpoint);

        Assert.Equal(AuditChainStatus.Rewritten, report.Status);
        Assert.Equal(4, report.FirstBrokenSequence);
        Assert.Contains("the trail ended at #3", report.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AnomalyNoteRemovedFromTheHead_ReportsTheAlteredHead()
    {
        var chain = SignedChain(4);
        var head = new AuditHead { Sequence = 4, Hash = chain.Events[^1].Hash, AnomalyAtSequence = 4, AnomalyNote = "The head record was missing." };
        head.Mac = Key.SignHead(head);
        head.AnomalyAtSequence = null;
        head.AnomalyNote = null;

        var report = Verify(chain.Events, head, chain.Checkpoint);

        Assert.Equal(AuditChainStatus.Rewritten, report.Status);
        Assert.Contains("head record", report.Problem, StringComparison.Ordinal);
    }
}
