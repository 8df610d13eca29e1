using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Features.Audit;

/// <summary>
/// Extends the audit chain inside the caller's transaction: locks the head row, links and signs the new events, and
/// moves the signed head. <see cref="AppDbContext"/> calls it when a save carries audit events.
/// </summary>
public sealed class AuditChainWriter(AuditChainKey key, AuditCheckpoint? checkpoint, TimeProvider clock, ILogger<AuditChainWriter> logger)
{
    // A no-op write to the head row: the first statement of the transaction takes the database's write lock (SQLite)
    // or the row lock (server databases), so two writers, in this process or another, never read the same head.
    private const string LockHeadSql = """UPDATE "AuditHeads" SET "Sequence" = "Sequence" WHERE "Id" = 1""";

    public AuditChainKey Key => key;

    public AuditCheckpoint? Checkpoint => checkpoint;

    /// <summary>Links, numbers and signs <paramref name="pending"/> after the head, and stages the new head in <paramref name="db"/>.</summary>
    public async Task<AuditHead> ExtendAsync(AppDbContext db, IReadOnlyList<AuditEvent> pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(pending);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The audit chain is extended inside a transaction only.");
        }
        await db.Database.ExecuteSqlRawAsync(LockHeadSql, cancellationToken);

        // A failed save may have left a staged head behind; the stored one is the truth.
        foreach (var staged in db.ChangeTracker.Entries<AuditHead>().ToList())
        {
            staged.State = EntityState.Detached;
        }
        var stored = await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditHead.SingleId, cancellationToken);
        var anomaly = await FindAnomalyAsync(db, stored, cancellationToken);

        // A head we cannot trust is not extended: the chain continues from the table's own end, and the signed head
        // keeps a note of what was found, so appending cannot launder a forged or missing head.
        var from = anomaly is null
            ? (stored?.Sequence ?? 0, stored?.Hash ?? AuditChain.GenesisHash)
            : await TableEndAsync(db, cancellationToken);
        AuditChain.Link(pending, from.Item1, from.Item2);
        foreach (var e in pending)
        {
            e.Mac = key.SignEvent(e.Sequence, e.Hash);
        }

        var last = pending[^1];
        var head = new AuditHead
        {
            Sequence = last.Sequence,
            Hash = last.Hash,
            AdoptedThroughSequence = anomaly is null ? stored?.AdoptedThroughSequence ?? 0 : 0,
            AdoptedAtUtc = anomaly is null ? stored?.AdoptedAtUtc : null,
            AnomalyAtSequence = anomaly is null ? stored?.AnomalyAtSequence : pending[0].Sequence,
            AnomalyNote = anomaly is null ? stored?.AnomalyNote : anomaly,
        };
        head.Mac = key.SignHead(head);
        if (stored is null)
        {
            db.AuditHeads.Add(head);
        }
        else
        {
            db.AuditHeads.Update(head);
        }
        if (anomaly is not null)
        {
            logger.LogError("Audit chain: {Anomaly} Continuing from the trail's last event #{Sequence}; /legal/audit reports it.", anomaly, from.Item1);
        }
        return head;
    }

    /// <summary>Records a committed head outside the database. Never throws: the save has committed, and a lagging checkpoint is safe.</summary>
    public void Committed(AuditHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        try
        {
            checkpoint?.Advance(head.Sequence, head.Hash);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogError(e, "Audit chain: could not write the checkpoint {Path}; it stays at an older head until the next save.", checkpoint?.Path);
        }
    }

    /// <summary>
    /// Signs a trail written before the chain key existed, once, at start-up: every event as it stands, and a head at
    /// its end. Only a database that has never been keyed qualifies (no head row, no signed event, no checkpoint);
    /// a missing head anywhere else is tampering, which /legal/audit reports, and is never adopted.
    /// </summary>
    public async Task AdoptAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(LockHeadSql, cancellationToken);
        if (await db.AuditHeads.AnyAsync(cancellationToken))
        {
            return;
        }
        var reached = checkpoint?.Read();
        var neverKeyed = reached is null || (reached.Sequence == 0 && reached.IsAuthentic(key));
        if (!neverKeyed || await db.AuditEvents.AnyAsync(e => e.Mac != "", cancellationToken))
        {
            logger.LogError("Audit chain: the head record is missing from a trail that was already signed; not adopting it. /legal/audit reports it.");
            return;
        }

        long count = 0;
        var last = (Sequence: 0L, Hash: AuditChain.GenesisHash);
        // Batches by sequence keep memory flat however long the legacy trail is.
        while (true)
        {
            var after = last.Sequence;
            var batch = await db.AuditEvents.AsNoTracking().Where(e => e.Sequence > after).OrderBy(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Hash }).Take(1000).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }
            foreach (var e in batch)
            {
                var mac = key.SignEvent(e.Sequence, e.Hash);
                await db.AuditEvents.Where(x => x.Sequence == e.Sequence).ExecuteUpdateAsync(s => s.SetProperty(x => x.Mac, mac), cancellationToken);
                last = (e.Sequence, e.Hash);
                count++;
            }
        }

        var head = new AuditHead
        {
            Sequence = last.Sequence,
            Hash = last.Hash,
            AdoptedThroughSequence = last.Sequence,
            AdoptedAtUtc = count == 0 ? null : UtcTimeConverter.TruncateToMicroseconds(clock.GetUtcNow().UtcDateTime),
        };
        head.Mac = key.SignHead(head);
        db.AuditHeads.Add(head);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Committed(head);
        if (count > 0)
        {
            logger.LogWarning("Audit chain: signed {Count} events written before the chain key existed (through #{Sequence}). Tampering with them before now cannot be detected.", count, last.Sequence);
        }
    }

    /// <summary>Why the stored head cannot be trusted, in plain words; null when it can.</summary>
    private async Task<string?> FindAnomalyAsync(AppDbContext db, AuditHead? stored, CancellationToken cancellationToken)
    {
        var reached = checkpoint?.Authentic;
        if (stored is null)
        {
            if (reached is { Sequence: > 0 })
            {
                return $"The head record was missing; the checkpoint outside the database says the chain had reached #{reached.Sequence}.";
            }
            var end = await TableEndAsync(db, cancellationToken);
            // A new database (no events yet) starts its chain here; a trail without its head was tampered with.
            return end.Sequence == 0 ? null : $"The head record was missing; the trail ended at #{end.Sequence}.";
        }
        if (!AuditChainKey.Matches(key.SignHead(stored), stored.Mac))
        {
            return $"The head record's key signature did not match (it said #{stored.Sequence}, hash {Short(stored.Hash)}).";
        }
        if (reached is not null && reached.Sequence > stored.Sequence)
        {
            return $"The head record said #{stored.Sequence}, but the checkpoint outside the database says the chain had reached #{reached.Sequence}.";
        }
        return null;
    }

    private static async Task<(long Sequence, string Hash)> TableEndAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var end = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken);
        return end is null ? (0, AuditChain.GenesisHash) : (end.Sequence, end.Hash);
    }

    internal static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;
}
