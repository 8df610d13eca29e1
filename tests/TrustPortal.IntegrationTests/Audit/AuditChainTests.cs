using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Audit;

namespace TrustPortal.IntegrationTests.Audit;

/// <summary>
/// Each test gets its own portal and SQLite file: breaking the chain is the point. The attacker works on the file with
/// raw SQL over their own connection; they know the (public) hash algorithm but not the chain key.
/// </summary>
public sealed class AuditChainTests
{
    private static void Record(PortalFactory portal, AppDbContext db, AuditActor actor, string action, int i)
    {
        using var scope = portal.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AuditTrail>()
            .Record(db, actor, action, "Test", i.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Saves <paramref name="count"/> events in one unit of work; returns their sequence numbers in order.</summary>
    private static async Task<List<long>> RecordManyAsync(PortalFactory portal, AuditActor actor, string action, int count)
    {
        await using var db = portal.CreateDbContext();
        for (var i = 0; i < count; i++)
        {
            Record(portal, db, actor, action, i);
        }
        await db.SaveChangesAsync();
        return await db.AuditEvents.Where(e => e.Action == action).OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync();
    }

    private static Task<AuditChainReport> VerifyAsync(PortalFactory portal) =>
        portal.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync();

    /// <summary>The attacker's own connection to the portal's database (the SQLite file, or the PostgreSQL database).</summary>
    private static async Task<int> ExecuteSqlAsync(PortalFactory portal, string sql, params (string Name, object Value)[] parameters)
    {
        if (portal.PostgresConnectionString is { } postgres)
        {
            await using var server = new Npgsql.NpgsqlConnection(postgres);
            await server.OpenAsync();
            await using var statement = server.CreateCommand();
            statement.CommandText = sql.Replace('$', '@');
            foreach (var (name, value) in parameters)
            {
                statement.Parameters.AddWithValue(name.TrimStart('$'), value);
            }
            return await statement.ExecuteNonQueryAsync();
        }
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(portal.DataDirectory, "portal.db"),
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Verify_UntouchedChain_IsIntactAndEndsAtTheSignedHead()
    {
        using var portal = new PortalFactory();
        var recorded = await RecordManyAsync(portal, new AuditActor("u1", "tester", "127.0.0.1"), "test.untouched", 5);

        var report = await VerifyAsync(portal);

        Assert.True(report.IsIntact, report.Problem);
        Assert.Equal(AuditChainStatus.Intact, report.Status);
        Assert.Equal(recorded[^1], report.EventsChecked);
        await using var db = portal.CreateDbContext();
        var head = await db.AuditHeads.SingleAsync();
        Assert.Equal(recorded[^1], head.Sequence);
        Assert.Equal(await db.AuditEvents.Where(e => e.Sequence == head.Sequence).Select(e => e.Hash).SingleAsync(), head.Hash);
        Assert.True(File.Exists(Path.Combine(portal.DataDirectory, AuditCheckpoint.FileName)));
        Assert.True(File.Exists(Path.Combine(portal.DataDirectory, AuditChainKey.GeneratedFileName)));
    }

    [Fact]
    public async Task Verify_AfterTheNewestEventsAreDeleted_ReportsTheMissingTail()
    {
        using var portal = new PortalFactory();
        var recorded = await RecordManyAsync(portal, AuditActor.System, "test.truncate", 5);
        Assert.True((await VerifyAsync(portal)).IsIntact);
        var keep = recorded[2];

        Assert.Equal(2, await ExecuteSqlAsync(portal, """DELETE FROM "AuditEvents" WHERE "Sequence" > $keep""", ("$keep", keep)));

        var report = await VerifyAsync(portal);
        Assert.Equal(AuditChainStatus.MissingTail, report.Status);
        Assert.Equal(keep + 1, report.FirstBrokenSequence);
        Assert.Equal($"Events #{keep + 1} to #{recorded[^1]} are missing from the end of the trail.", report.Problem);
        Assert.Contains($"says the last event is #{recorded[^1]}", report.Evidence, StringComparison.Ordinal);
        Assert.Contains($"now ends at #{keep}", report.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_AfterAnEventIsEditedAndEveryLaterHashRecomputed_ReportsTheRewrite()
    {
        using var portal = new PortalFactory();
        var recorded = await RecordManyAsync(portal, new AuditActor("u1", "tester", "127.0.0.1"), "test.rewrite", 5);
        var target = recorded[1];

        // The attacker edits who did it, then recomputes every later hash and link, and the head's hash, as the
        // published algorithm says. Only the key signatures are out of reach.
        List<AuditEvent> rewritten;
        await using (var db = portal.CreateDbContext())
        {
            rewritten = await db.AuditEvents.AsNoTracking().Where(e => e.Sequence >= target).OrderBy(e => e.Sequence).ToListAsync();
        }
        rewritten[0].ActorName = "someone else";
        for (var i = 0; i < rewritten.Count; i++)
        {
            if (i > 0)
            {
                rewritten[i].PreviousHash = rewritten[i - 1].Hash;
            }
            rewritten[i].Hash = AuditChain.ComputeHash(rewritten[i]);
            await ExecuteSqlAsync(portal, """UPDATE "AuditEvents" SET "ActorName" = $actor, "PreviousHash" = $previous, "Hash" = $hash WHERE "Sequence" = $sequence""",
                ("$actor", rewritten[i].ActorName), ("$previous", rewritten[i].PreviousHash), ("$hash", rewritten[i].Hash), ("$sequence", rewritten[i].Sequence));
        }
        await ExecuteSqlAsync(portal, """UPDATE "AuditHeads" SET "Hash" = $hash""", ("$hash", rewritten[^1].Hash));

        await using (var db = portal.CreateDbContext())
        {
            // Without the key signatures this would pass: every hash and link is consistent again.
            var all = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
            Assert.All(all, e => Assert.Equal(AuditChain.ComputeHash(e), e.Hash));
            Assert.All(all.Skip(1).Zip(all), pair => Assert.Equal(pair.Second.Hash, pair.First.PreviousHash));
        }

        var report = await VerifyAsync(portal);
        Assert.Equal(AuditChainStatus.Rewritten, report.Status);
        Assert.Equal(target, report.FirstBrokenSequence);
        Assert.Equal(target - 1, report.EventsChecked);
        Assert.Equal("It was rewritten by someone without the chain key.", report.Problem);
        Assert.Contains("hash was recomputed outside the portal", report.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_AfterTruncationAndTheHeadRewoundWithTheLastEventsSignature_ReportsTheAlteredHead()
    {
        using var portal = new PortalFactory();
        var recorded = await RecordManyAsync(portal, AuditActor.System, "test.rewind", 4);
        var keep = recorded[1];

        await ExecuteSqlAsync(portal, """DELETE FROM "AuditEvents" WHERE "Sequence" > $keep""", ("$keep", keep));
        await ExecuteSqlAsync(portal, """
            UPDATE "AuditHeads" SET "Sequence" = e."Sequence", "Hash" = e."Hash", "Mac" = e."Mac"
            FROM (SELECT "Sequence", "Hash", "Mac" FROM "AuditEvents" WHERE "Sequence" = $keep) AS e
            """, ("$keep", keep));
        // The checkpoint file is outside the database; this attacker cannot reach it, but the head alone must tell.
        File.Delete(Path.Combine(portal.DataDirectory, AuditCheckpoint.FileName));

        var report = await VerifyAsync(portal);
        Assert.Equal(AuditChainStatus.Rewritten, report.Status);
        Assert.Equal("The head record, which says where the trail ends, was altered.", report.Problem);
        Assert.Contains($"says the last event is #{keep}", report.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_AfterTruncationAndTheHeadPutBackToAnOlderSignedCopy_ReportsTheMissingTailFromTheCheckpoint()
    {
        using var portal = new PortalFactory();
        var first = await RecordManyAsync(portal, AuditActor.System, "test.rollback", 2);
        AuditHead older;
        await using (var db = portal.CreateDbContext())
        {
            older = await db.AuditHeads.AsNoTracking().SingleAsync();
        }
        var later = await RecordManyAsync(portal, AuditActor.System, "test.rollback.later", 3);

        await ExecuteSqlAsync(portal, """DELETE FROM "AuditEvents" WHERE "Sequence" > $keep""", ("$keep", first[^1]));
        await ExecuteSqlAsync(portal, """UPDATE "AuditHeads" SET "Sequence" = $sequence, "Hash" = $hash, "Mac" = $mac""",
            ("$sequence", older.Sequence), ("$hash", older.Hash), ("$mac", older.Mac));

        var report = await VerifyAsync(portal);
        Assert.Equal(AuditChainStatus.MissingTail, report.Status);
        Assert.Equal(first[^1] + 1, report.FirstBrokenSequence);
        Assert.Contains($"The checkpoint kept outside the database says the last event is #{later[^1]}", report.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_AfterTheHeadWasForged_StillSavesButKeepsTheTamperingOnRecord()
    {
        using var portal = new PortalFactory();
        var recorded = await RecordManyAsync(portal, AuditActor.System, "test.launder", 3);
        var keep = recorded[0];
        await ExecuteSqlAsync(portal, """DELETE FROM "AuditEvents" WHERE "Sequence" > $keep""", ("$keep", keep));
        await ExecuteSqlAsync(portal, """
            UPDATE "AuditHeads" SET "Sequence" = e."Sequence", "Hash" = e."Hash", "Mac" = e."Mac"
            FROM (SELECT "Sequence", "Hash", "Mac" FROM "AuditEvents" WHERE "Sequence" = $keep) AS e
            """, ("$keep", keep));
        File.Delete(Path.Combine(portal.DataDirectory, AuditCheckpoint.FileName));

        // The portal keeps working, but extending the forged head must not make it look authentic.
        var next = await RecordManyAsync(portal, AuditActor.System, "test.launder.after", 1);

        Assert.Equal(keep + 1, next.Single());
        var report = await VerifyAsync(portal);
        Assert.Equal(AuditChainStatus.Rewritten, report.Status);
        Assert.Equal(keep + 1, report.FirstBrokenSequence);
        Assert.Contains("The head record's key signature did not match", report.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_AfterAnEventIsEdited_ReportsThatEvent()
    {
        using var portal = new PortalFactory();
        var target = (await RecordManyAsync(portal, new AuditActor("u1", "tester", "127.0.0.1"), "test.event", 5))[2];
        var intact = await VerifyAsync(portal);
        Assert.True(intact.IsIntact, intact.Problem);

        await using (var db = portal.CreateDbContext())
        {
            // An insider rewrites who did it, leaving the stored hash alone.
            await db.AuditEvents.Where(e => e.Sequence == target).ExecuteUpdateAsync(s => s.SetProperty(e => e.ActorName, "someone else"));
        }

        var report = await VerifyAsync(portal);
        Assert.False(report.IsIntact);
        Assert.Equal(target, report.FirstBrokenSequence);
    }

    [Fact]
    public async Task Verify_AfterAnEventIsDeleted_ReportsTheGap()
    {
        using var portal = new PortalFactory();
        var middle = (await RecordManyAsync(portal, AuditActor.System, "test.delete", 3))[1];
        await using (var db = portal.CreateDbContext())
        {
            await db.AuditEvents.Where(e => e.Sequence == middle).ExecuteDeleteAsync();
        }

        var report = await VerifyAsync(portal);

        Assert.False(report.IsIntact);
        Assert.Equal(middle, report.FirstBrokenSequence);
    }

    [Fact]
    public async Task ConcurrentSaves_AllLandOnOneUnbrokenChain()
    {
        using var portal = new PortalFactory();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            await using var db = portal.CreateDbContext();
            Record(portal, db, AuditActor.System, "test.concurrent", i);
            await db.SaveChangesAsync();
        }));

        await using var check = portal.CreateDbContext();
        Assert.Equal(20, await check.AuditEvents.CountAsync(e => e.Action == "test.concurrent"));
        var report = await VerifyAsync(portal);
        Assert.True(report.IsIntact, report.Problem);
    }

    [SqliteOnlyFact]
    public async Task StartUp_OnATrailWrittenBeforeTheChainKey_SignsItOnceAndItVerifies()
    {
        using var portal = new PortalFactory();
        // A database as the previous release left it: migrated up to before this change, events with plain hashes.
        var legacy = await CreateLegacyDatabaseAsync(Path.Combine(portal.DataDirectory, "portal.db"), count: 3);

        var report = await VerifyAsync(portal);

        Assert.True(report.IsIntact, report.Problem);
        Assert.Equal(legacy, report.AdoptedThroughSequence);
        Assert.NotNull(report.AdoptedAtUtc);
        Assert.True(report.EventsChecked > legacy, "The demo seed appends after the adopted events.");
        await using var db = portal.CreateDbContext();
        Assert.Equal(0, await db.AuditEvents.CountAsync(e => e.Mac == ""));
    }

    [Fact]
    public async Task StartUp_AfterTheHeadOfASignedTrailIsDeleted_DoesNotAdoptItAgain()
    {
        using var portal = new PortalFactory();
        await RecordManyAsync(portal, AuditActor.System, "test.readopt", 2);
        // Deleting the head and every signature would make a keyed trail look like one from before the key.
        await ExecuteSqlAsync(portal, """DELETE FROM "AuditHeads" """);
        await ExecuteSqlAsync(portal, """UPDATE "AuditEvents" SET "Mac" = '' """);

        await using (var db = portal.CreateDbContext())
        {
            await portal.Services.GetRequiredService<AuditChainWriter>().AdoptAsync(db);
            Assert.False(await db.AuditHeads.AnyAsync());
        }
        var report = await VerifyAsync(portal);
        Assert.Equal(AuditChainStatus.Rewritten, report.Status);
        Assert.Equal(1, report.FirstBrokenSequence);
    }

    /// <summary>Builds the schema of the release before the chain key and writes <paramref name="count"/> events the way it did.</summary>
    private static async Task<long> CreateLegacyDatabaseAsync(string path, int count)
    {
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={path};Pooling=False").Options;
        await using (var db = new SqliteAppDbContext(options))
        {
            await db.GetInfrastructure().GetRequiredService<IMigrator>().MigrateAsync("ScaleIndexes");
        }
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        var previous = AuditChain.GenesisHash;
        for (var i = 1; i <= count; i++)
        {
            var e = new AuditEvent
            {
                Sequence = i,
                OccurredAtUtc = new DateTime(2026, 11, 1, 9, 0, i, DateTimeKind.Utc),
                ActorName = "legal@trustportal.local",
                Action = "legacy.event",
                EntityType = "Test",
                EntityId = i.ToString(CultureInfo.InvariantCulture),
                PreviousHash = previous,
            };
            e.Hash = AuditChain.ComputeHash(e);
            previous = e.Hash;
            await using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO "AuditEvents" ("Sequence", "OccurredAtUtc", "ActorName", "Action", "EntityType", "EntityId", "Data", "PreviousHash", "Hash")
                VALUES ($sequence, $at, $actor, $action, $type, $id, $data, $previous, $hash)
                """;
            insert.Parameters.AddWithValue("$sequence", e.Sequence);
            insert.Parameters.AddWithValue("$at", e.OccurredAtUtc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("$actor", e.ActorName);
            insert.Parameters.AddWithValue("$action", e.Action);
            insert.Parameters.AddWithValue("$type", e.EntityType);
            insert.Parameters.AddWithValue("$id", e.EntityId);
            insert.Parameters.AddWithValue("$data", e.Data);
            insert.Parameters.AddWithValue("$previous", e.PreviousHash);
            insert.Parameters.AddWithValue("$hash", e.Hash);
            await insert.ExecuteNonQueryAsync();
        }
        return count;
    }
}
