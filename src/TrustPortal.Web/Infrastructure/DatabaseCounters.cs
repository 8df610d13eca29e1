using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Infrastructure;

/// <summary>One named counter: the last number handed out, or how often a lock row was taken.</summary>
public class Counter
{
    public string Name { get; set; } = "";
    public long Value { get; set; }
}

public sealed class CounterConfiguration : IEntityTypeConfiguration<Counter>
{
    public void Configure(EntityTypeBuilder<Counter> builder)
    {
        builder.HasKey(c => c.Name);
        builder.Property(c => c.Name).HasMaxLength(100);
    }
}

/// <summary>
/// Numbers and locks held by the database, not by a process. <see cref="NextAsync"/> increments a counter row inside
/// the caller's transaction and returns the new value: the write takes SQLite's database write lock, or the row lock on
/// a server database, until commit, so two writers in any number of processes never get the same value, and a rolled
/// back transaction gives its value back (no gaps). <see cref="LockAsync"/> does the same on a row kept only to be
/// locked, for check-then-change rules such as "at least one active Admin".
/// </summary>
/// <remarks>
/// Call either as the first statement of a transaction: on SQLite a transaction that has read first and then writes
/// fails at once with SQLITE_BUSY when another writer committed meanwhile, instead of waiting its turn.
/// </remarks>
public static class DatabaseCounters
{
    public static string AgreementNumber(string kind, int year) => $"agreement-number:{kind}:{year}";

    public const string BaaRequestReference = "baa-request-reference";

    public static string TemplateVersion(string kind) => $"template-version:{kind}";

    /// <summary>Taken by every change of staff roles or activation, so the Admin count it checks cannot change under it.</summary>
    public const string StaffAdminsLock = "lock:staff-admins";

    /// <summary>Taken by everything that changes an agreement's status (execute and supersede, void), per kind.</summary>
    public static string AgreementStatusLock(string kind) => $"lock:agreement-status:{kind}";

    /// <summary>
    /// The next value of <paramref name="name"/>. A counter that does not exist yet starts after
    /// <paramref name="seed"/>, read from the data under the same lock, so a database that already has DPA-2026-000007
    /// continues at 000008.
    /// </summary>
    public static async Task<long> NextAsync(AppDbContext db, string name, Func<Task<long>> seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(seed);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Counters are taken inside the transaction that uses the value.");
        }
        if (await IncrementAsync(db, name, cancellationToken) is { } next)
        {
            return next;
        }
        // First use. The UPDATE above already holds SQLite's write lock; on a server database two first users may both
        // get here, one insert wins and the other is a no-op, and the increment below then waits for the row lock.
        var start = await seed();
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "Counters" ("Name", "Value") VALUES ({name}, {start}) ON CONFLICT ("Name") DO NOTHING""", cancellationToken);
        return await IncrementAsync(db, name, cancellationToken)
            ?? throw new InvalidOperationException($"The counter {name} could not be created.");
    }

    /// <summary>Holds the database lock on <paramref name="name"/> until the caller's transaction ends.</summary>
    public static Task LockAsync(AppDbContext db, string name, CancellationToken cancellationToken = default) =>
        NextAsync(db, name, () => Task.FromResult(0L), cancellationToken);

    /// <summary>
    /// Moves a counter up to at least <paramref name="floor"/>: repairs a counter that fell behind the data, e.g. after
    /// rows were restored from a backup without it. Inside the caller's transaction.
    /// </summary>
    public static async Task RaiseToAsync(AppDbContext db, string name, long floor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.ExecuteSqlAsync(
            $"""UPDATE "Counters" SET "Value" = {floor} WHERE "Name" = {name} AND "Value" < {floor}""", cancellationToken);
    }

    private static async Task<long?> IncrementAsync(AppDbContext db, string name, CancellationToken cancellationToken)
    {
        var values = await db.Database
            .SqlQuery<long>($"""UPDATE "Counters" SET "Value" = "Value" + 1 WHERE "Name" = {name} RETURNING "Value" """)
            .ToListAsync(cancellationToken);
        return values.Count == 0 ? null : values[0];
    }
}
