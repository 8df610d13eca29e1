using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Audit;

namespace TrustPortal.IntegrationTests.Audit;

/// <summary>Each test gets its own portal and database: breaking the chain is the point.</summary>
public sealed class AuditChainTests
{
    private static void Record(PortalFactory portal, Web.Data.AppDbContext db, AuditActor actor, string action, int i)
    {
        using var scope = portal.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AuditTrail>()
            .Record(db, actor, action, "Test", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
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

    [Fact]
    public async Task Verify_AfterAnEventIsEdited_ReportsThatEvent()
    {
        using var portal = new PortalFactory();
        var verifier = portal.Services.GetRequiredService<AuditChainVerifier>();
        var target = (await RecordManyAsync(portal, new AuditActor("u1", "tester", "127.0.0.1"), "test.event", 5))[2];
        var intact = await verifier.VerifyAsync();
        Assert.True(intact.IsIntact, intact.Problem);

        await using (var db = portal.CreateDbContext())
        {
            // An insider rewrites who did it, leaving the stored hash alone.
            await db.AuditEvents.Where(e => e.Sequence == target).ExecuteUpdateAsync(s => s.SetProperty(e => e.ActorName, "someone else"));
        }

        var report = await verifier.VerifyAsync();
        Assert.False(report.IsIntact);
        Assert.Equal(target, report.FirstBrokenSequence);
    }

    [Fact]
    public async Task Verify_AfterAnEventIsDeleted_ReportsTheGap()
    {
        using var portal = new PortalFactory();
        var verifier = portal.Services.GetRequiredService<AuditChainVerifier>();
        var middle = (await RecordManyAsync(portal, AuditActor.System, "test.delete", 3))[1];
        await using (var db = portal.CreateDbContext())
        {
            await db.AuditEvents.Where(e => e.Sequence == middle).ExecuteDeleteAsync();
        }

        var report = await verifier.VerifyAsync();

        Assert.False(report.IsIntact);
        Assert.Equal(middle, report.FirstBrokenSequence);
    }

    [Fact]
    public async Task ConcurrentSaves_AllLandOnOneUnbrokenChain()
    {
        using var portal = new PortalFactory();
        var verifier = portal.Services.GetRequiredService<AuditChainVerifier>();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            await using var db = portal.CreateDbContext();
            Record(portal, db, AuditActor.System, "test.concurrent", i);
            await db.SaveChangesAsync();
        }));

        await using var check = portal.CreateDbContext();
        Assert.Equal(20, await check.AuditEvents.CountAsync(e => e.Action == "test.concurrent"));
        var report = await verifier.VerifyAsync();
        Assert.True(report.IsIntact, report.Problem);
    }
}
