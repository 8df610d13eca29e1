using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Features.Audit;

/// <summary>Walks the whole audit trail and checks it against the signed head and the checkpoint outside the database.</summary>
public sealed class AuditChainVerifier(IDbContextFactory<AppDbContext> dbFactory, AuditChainWriter chain)
{
    public async Task<AuditChainReport> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // One read transaction, so the head and the events are one snapshot while others append. Deferred: SQLite's
        // default (immediate) would take the write lock and hold every writer up for the whole walk.
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var snapshot = db.Database.GetDbConnection() is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await db.Database.GetDbConnection().BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await db.Database.UseTransactionAsync(snapshot, cancellationToken);
        var head = await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditHead.SingleId, cancellationToken);
        var check = new AuditChainCheck(chain.Key, head, chain.Checkpoint?.Read());
        // Only anchors whose token holds are evidence; a row added to the table without one proves nothing.
        var anchors = (await db.AuditAnchors.AsNoTracking().ToListAsync(cancellationToken)).Where(a => a.TokenHolds()).ToList();
        var anchorCheck = new AuditAnchorCheck(anchors);

        // Streams the rows: memory stays flat however long the trail is.
        await foreach (var e in db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var intact = check.Add(e);
            anchorCheck.Add(e);
            if (!intact && anchorCheck.Done)
            {
                break;
            }
        }
        return WithAnchors(check.Finish(), anchorCheck.Finish(), anchors);
    }

    /// <summary>
    /// A break the chain finds is shown with the anchor that proves it; a trail whose hashes and key signatures all
    /// hold but whose content contradicts an anchor was rewritten with the key, and the anchor is the proof.
    /// </summary>
    private static AuditChainReport WithAnchors(AuditChainReport report, AuditAnchorProof? contradiction, List<AuditAnchor> anchors)
    {
        var latest = anchors.OrderByDescending(a => a.Sequence).FirstOrDefault();
        report = report with { LatestAnchor = latest is null ? null : AuditAnchorProof.Of(latest, latest.Hash) };
        if (contradiction is null)
        {
            return report;
        }
        if (!report.IsIntact)
        {
            return report with { ProvingAnchor = contradiction };
        }
        return report with
        {
            Status = AuditChainStatus.Rewritten,
            FirstBrokenSequence = contradiction.Sequence,
            Problem = $"The trail through event #{contradiction.Sequence} was rewritten after it was time-stamped.",
            Evidence = contradiction.Sentence,
            ProvingAnchor = contradiction,
        };
    }
}

/// <summary>
/// The verification rules, one event at a time, then the end of the trail against the signed head and the
/// checkpoint. Reports the first problem, in plain words, with what proves it.
/// </summary>
public sealed class AuditChainCheck(AuditChainKey key, AuditHead? head, AuditCheckpointRecord? checkpoint)
{
    private long expectedSequence = 1;
    private string previousHash = AuditChain.GenesisHash;
    private string? hashAtCheckpoint;
    private AuditChainReport? broken;

    /// <summary>Checks the next event in sequence order; false once the chain is broken (stop reading then).</summary>
    public bool Add(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (broken is not null)
        {
            return false;
        }
        var checkedCount = expectedSequence - 1;
        if (e.Sequence != expectedSequence)
        {
            var missingTo = e.Sequence - 1;
            broken = Rewritten(checkedCount, expectedSequence,
                missingTo == expectedSequence ? $"Event #{expectedSequence} is missing." : $"Events #{expectedSequence} to #{missingTo} are missing.",
                $"The trail jumps from #{checkedCount} to #{e.Sequence}; sequence numbers are given without gaps.");
        }
        else if (e.PreviousHash != previousHash)
        {
            broken = Rewritten(checkedCount, e.Sequence, "Its link to the previous event does not match.",
                $"It says the previous hash was {AuditChainWriter.Short(e.PreviousHash)}, but event #{checkedCount} has {AuditChainWriter.Short(previousHash)}.");
        }
        else if (AuditChain.ComputeHash(e) != e.Hash)
        {
            broken = Rewritten(checkedCount, e.Sequence, "Its content was changed after it was recorded.",
                $"Its stored hash {AuditChainWriter.Short(e.Hash)} no longer matches its content.");
        }
        else if (!AuditChainKey.Matches(key.SignEvent(e.Sequence, e.Hash), e.Mac))
        {
            broken = Rewritten(checkedCount, e.Sequence, "It was rewritten by someone without the chain key.",
                $"Its hash {AuditChainWriter.Short(e.Hash)} matches its content, but its key signature does not: the hash was recomputed outside the portal.");
        }
        if (broken is not null)
        {
            return false;
        }
        if (checkpoint is not null && e.Sequence == checkpoint.Sequence)
        {
            hashAtCheckpoint = e.Hash;
        }
        previousHash = e.Hash;
        expectedSequence++;
        return true;
    }

    public AuditChainReport Finish()
    {
        if (broken is not null)
        {
            return broken;
        }
        var last = expectedSequence - 1;
        var headIsAuthentic = head is not null && AuditChainKey.Matches(key.SignHead(head), head.Mac);
        var checkpointIsAuthentic = checkpoint is not null && checkpoint.IsAuthentic(key);

        // The newest events were deleted: the signed head, or the checkpoint outside the database, reaches further.
        if (headIsAuthentic && head!.Sequence > last)
        {
            return MissingTail(last, head.Sequence, head.Hash, "The signed head record");
        }
        if (checkpointIsAuthentic && checkpoint!.Sequence > last)
        {
            return MissingTail(last, checkpoint.Sequence, checkpoint.Hash, "The checkpoint kept outside the database");
        }

        if (checkpoint is not null && !checkpointIsAuthentic)
        {
            return Rewritten(last, null, "The checkpoint kept outside the database was altered or cannot be read.",
                $"Its key signature does not match (it says #{checkpoint.Sequence}).");
        }
        if (checkpoint is { Sequence: > 0 } && hashAtCheckpoint != checkpoint.Hash)
        {
            return Rewritten(last, checkpoint.Sequence, "It was rewritten after the portal recorded it.",
                $"The checkpoint kept outside the database says #{checkpoint.Sequence} had hash {AuditChainWriter.Short(checkpoint.Hash)}; it now has {AuditChainWriter.Short(hashAtCheckpoint ?? "")}.");
        }
        if (head is null)
        {
            return last == 0
                ? Report(AuditChainStatus.Intact, 0, null, null, null)
                : Rewritten(last, null, "The head record, which says where the trail ends, is missing.",
                    $"The trail has {last} events but no signed head: it was deleted from the database.");
        }
        if (!headIsAuthentic)
        {
            return Rewritten(last, null, "The head record, which says where the trail ends, was altered.",
                $"It says the last event is #{head.Sequence} (hash {AuditChainWriter.Short(head.Hash)}), but its key signature does not match: it was written by someone without the chain key.");
        }
        if (head.AnomalyAtSequence is { } anomalyAt)
        {
            return Rewritten(last, anomalyAt, $"The trail had been tampered with before event #{anomalyAt} was recorded.",
                $"When recording it, the portal found: {head.AnomalyNote}");
        }
        if (head.Sequence < last)
        {
            return Rewritten(last, head.Sequence + 1, "Events were added after the recorded end of the trail.",
                $"The signed head says the last event is #{head.Sequence}, but the trail goes on to #{last}.");
        }
        if (head.Hash != previousHash)
        {
            return Rewritten(last, last, "The last event is not the one the head recorded.",
                $"The signed head says #{last} has hash {AuditChainWriter.Short(head.Hash)}; it now has {AuditChainWriter.Short(previousHash)}.");
        }
        return Report(AuditChainStatus.Intact, last, null, null, null);
    }

    private AuditChainReport MissingTail(long last, long recorded, string recordedHash, string source) =>
        Report(AuditChainStatus.MissingTail, last, last + 1,
            last + 1 == recorded ? $"Event #{recorded} is missing from the end of the trail." : $"Events #{last + 1} to #{recorded} are missing from the end of the trail.",
            $"{source} says the last event is #{recorded} (hash {AuditChainWriter.Short(recordedHash)}), but the trail now ends at #{last}.");

    private AuditChainReport Rewritten(long checkedCount, long? sequence, string problem, string evidence) =>
        Report(AuditChainStatus.Rewritten, checkedCount, sequence, problem, evidence);

    private AuditChainReport Report(AuditChainStatus status, long checkedCount, long? sequence, string? problem, string? evidence) =>
        new(status, checkedCount, sequence, problem, evidence, head?.AdoptedThroughSequence ?? 0, head?.AdoptedAtUtc);
}

public enum AuditChainStatus
{
    Intact,
    /// <summary>An event, a link, the head or the checkpoint no longer matches what the portal signed.</summary>
    Rewritten,
    /// <summary>The trail ends before the head or the checkpoint says it does: the newest events were deleted.</summary>
    MissingTail,
}

/// <param name="EventsChecked">Events that verified before the first problem (all of them when intact).</param>
/// <param name="FirstBrokenSequence">The first event concerned, when there is one.</param>
/// <param name="Evidence">What proves the problem: the recorded values against the stored ones.</param>
/// <param name="AdoptedThroughSequence">Events up to here were written before the chain key and signed when it was adopted.</param>
public sealed record AuditChainReport(
    AuditChainStatus Status, long EventsChecked, long? FirstBrokenSequence, string? Problem, string? Evidence,
    long AdoptedThroughSequence = 0, DateTime? AdoptedAtUtc = null)
{
    public bool IsIntact => Status == AuditChainStatus.Intact;

    /// <summary>The time-stamped anchor that proves the problem (the first one the events contradict), when there is one.</summary>
    public AuditAnchorProof? ProvingAnchor { get; init; }

    /// <summary>The newest anchor whose token holds.</summary>
    public AuditAnchorProof? LatestAnchor { get; init; }
}
