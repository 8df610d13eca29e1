using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Audit;

namespace TrustPortal.IntegrationTests.Audit;

/// <summary>The portal's clock stopped at a time with sub-microsecond ticks, which PostgreSQL cannot store.</summary>
public sealed class SubMicrosecondClockPortal : PortalFactory
{
    public static readonly DateTimeOffset Now = new DateTimeOffset(2026, 12, 1, 9, 30, 15, TimeSpan.Zero).AddTicks(1_234_567);

    protected override TimeProvider? Clock => new FakeTimeProvider(Now);
}

/// <summary>
/// Events are hashed over the values the database gives back. Hashing the clock's ticks would break the chain on
/// PostgreSQL, whose timestamps keep microseconds: a chain written and then read back from the database must verify.
/// </summary>
public sealed class AuditChainReloadTests
{
    [Fact]
    public async Task ChainWrittenAtASubMicrosecondTime_VerifiesWhenReadBackFromTheDatabase()
    {
        using var portal = new SubMicrosecondClockPortal();
        await using (var scope = portal.Services.CreateAsyncScope())
        await using (var db = portal.CreateDbContext())
        {
            var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
            for (var i = 0; i < 3; i++)
            {
                audit.Record(db, new AuditActor("u1", "tester", "127.0.0.1"), "test.reload", "Test", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            await db.SaveChangesAsync();
        }

        // A fresh unit of work and a fresh connection: the values are the ones the database stored.
        await using (var db = portal.CreateDbContext())
        {
            var stored = await db.AuditEvents.Where(e => e.Action == "test.reload").Select(e => e.OccurredAtUtc).ToListAsync();
            Assert.Equal(3, stored.Count);
            Assert.All(stored, time =>
            {
                Assert.Equal(DateTimeKind.Utc, time.Kind);
                Assert.Equal(SubMicrosecondClockPortal.Now.UtcDateTime.AddTicks(-7), time);
            });
        }
        var report = await portal.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync();
        Assert.True(report.IsIntact, $"{report.Problem} {report.Evidence}");
    }
}
