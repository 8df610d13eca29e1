using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Audit;

namespace TrustPortal.Tests.Audit;

/// <summary>Every audit-trail filter narrows the SQL, and the events it keeps are the right ones.</summary>
public sealed class AuditFilterTests : IAsyncLifetime, IDisposable
{
    private readonly SqliteConnection connection = new("DataSource=:memory:");
    private readonly AppDbContext db;

    public AuditFilterTests()
    {
        connection.Open();
        SearchText.SqliteFunctions.Register(connection);
        var chain = new AuditChainWriter(new AuditChainKey(new byte[32]), checkpoint: null, TimeProvider.System, NullLogger<AuditChainWriter>.Instance);
        db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(connection).Options, chain);
    }

    public async Task InitializeAsync()
    {
        await db.Database.EnsureCreatedAsync();
        var start = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        var events = new (string Actor, string Action, string Entity, int Day)[]
        {
            ("legal@trustportal.local", "baa.countersigned", "BaaRequest", 1),
            ("sales@trustportal.local", "baa.approved", "BaaRequest", 2),
            ("customer@acme.example", "agreement.executed", "Agreement", 3),
            ("system", "template.published", "AgreementTemplate", 10),
        };
        foreach (var (actor, action, entity, day) in events)
        {
            db.AuditEvents.Add(new AuditEvent { OccurredAtUtc = start.AddDays(day), ActorName = actor, Action = action, EntityType = entity, EntityId = action });
        }
        // Saving chains them in the order added: sequences 1 to 4.
        await db.SaveChangesAsync();
    }

    [Fact]
    public void Filter_EntityActorActionAndDates_AllInTheWhereClause()
    {
        var sql = AuditLog.Filter(db.AuditEvents, new AuditFilter("acme", "Agreement", "acme", "agreement.", new DateTime(2026, 11, 2), new DateTime(2026, 11, 5)))
            .OrderByDescending(e => e.Sequence).Skip(25).Take(25).ToQueryString();

        Assert.Contains("\"EntityType\" = @", sql, StringComparison.Ordinal);
        Assert.Contains("LIKE @", sql, StringComparison.Ordinal);
        Assert.Contains("\"OccurredAtUtc\" >= @", sql, StringComparison.Ordinal);
        Assert.Contains("\"OccurredAtUtc\" < @", sql, StringComparison.Ordinal);
        Assert.Contains("LIMIT @", sql, StringComparison.Ordinal);
        Assert.Contains("OFFSET @", sql, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, "baa.", null, new[] { 1, 2 })]
    [InlineData("BaaRequest", "sales", null, null, new[] { 2 })]
    [InlineData(null, "ACME", null, null, new[] { 3 })]
    [InlineData(null, null, null, 3, new[] { 1, 2 })]
    public void Filter_KeepsOnlyMatchingEvents(string? entity, string? actor, string? action, int? beforeDay, int[] expected)
    {
        var to = beforeDay is { } day ? new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(day) : (DateTime?)null;

        var found = AuditLog.Filter(db.AuditEvents, new AuditFilter(null, entity, actor, action, null, to)).Select(e => e.Sequence).OrderBy(s => s).ToList();

        Assert.Equal(expected.Select(e => (long)e), found);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        db.Dispose();
        connection.Dispose();
    }
}
