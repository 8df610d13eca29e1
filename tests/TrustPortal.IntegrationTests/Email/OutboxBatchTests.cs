using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Email;

namespace TrustPortal.IntegrationTests.Email;

/// <summary>Counts the commits that go through SaveChanges, in every context of the portal.</summary>
public sealed class CountingSaves : SaveChangesInterceptor
{
    private int saves;

    public int Saves => Volatile.Read(ref saves);

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref saves);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }
}

public sealed class CountingPortal : PortalFactory
{
    public CountingSaves Saves { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(Saves));
    }
}

/// <summary>
/// Messages queued close together leave as one batch: one commit claims them and one marks them sent, not one per
/// message, so a busy portal's mail does not compete with its agreements for the database's write lock.
/// </summary>
public sealed class OutboxBatchTests(CountingPortal portal) : IClassFixture<CountingPortal>
{
    [Fact]
    public async Task TenQueuedMessages_AreSent_AndMarkedSentInOneCommit()
    {
        _ = portal.BaseAddress;
        await portal.Services.GetRequiredService<OutboxSender>().StopAsync(CancellationToken.None);
        var outbox = portal.Services.GetRequiredService<EmailOutbox>();
        var subjects = Enumerable.Range(1, 10).Select(i => $"Batch check {i:00}").ToList();
        await using (var db = portal.CreateDbContext())
        {
            foreach (var subject in subjects)
            {
                outbox.Enqueue(db, "dpo@acme.example", subject, "Hello");
            }
            await db.SaveChangesAsync();
        }
        var sender = ActivatorUtilities.CreateInstance<OutboxSender>(portal.Services);
        var savesBefore = portal.Saves.Saves;

        var delivered = await sender.DeliverDueAsync(CancellationToken.None);

        Assert.True(delivered >= subjects.Count, $"Only {delivered} messages were delivered.");
        Assert.Equal(1, portal.Saves.Saves - savesBefore);
        var expected = subjects.Select(outbox.Subject).ToList();
        await using var check = portal.CreateDbContext();
        var rows = await check.OutboxMessages.AsNoTracking().Where(m => expected.Contains(m.Subject)).ToListAsync();
        Assert.Equal(subjects.Count, rows.Count);
        Assert.All(rows, m =>
        {
            Assert.NotNull(m.SentAtUtc);
            Assert.Equal(1, m.Attempts);
            Assert.Null(m.ClaimedBy);
        });
        var files = Directory.GetFiles(Path.Combine(portal.DataDirectory, "mail"), "*.eml").Select(File.ReadAllText).ToList();
        Assert.All(expected, subject => Assert.Single(files, file => file.Contains($"Subject: {subject}", StringComparison.Ordinal)));
    }
}
