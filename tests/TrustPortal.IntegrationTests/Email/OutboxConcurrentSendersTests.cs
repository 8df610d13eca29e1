using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using netDumbster.smtp;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Email;

namespace TrustPortal.IntegrationTests.Email;

/// <summary>
/// Several senders on one database (as with several instances) deliver one queue at once to a real SMTP server: each
/// message is claimed by exactly one of them, so each arrives once.
/// </summary>
public sealed class OutboxConcurrentSendersTests : IDisposable
{
    private const int Messages = 60;
    private readonly int smtpPort = FreePort();
    private readonly SimpleSmtpServer smtp;
    private readonly SmtpPortal portal;

    public OutboxConcurrentSendersTests()
    {
        smtp = SimpleSmtpServer.Start(smtpPort);
        portal = new SmtpPortal(smtpPort);
    }

    [Fact]
    public async Task FourSendersAtOnce_EveryMessageArrivesExactlyOnce()
    {
        _ = portal.BaseAddress;
        // The host's own sender stops first: the test's senders are the only ones.
        await portal.Services.GetRequiredService<OutboxSender>().StopAsync(CancellationToken.None);
        var outbox = portal.Services.GetRequiredService<EmailOutbox>();
        var subjects = Enumerable.Range(1, Messages).Select(i => $"Concurrent sender check {i:000}").ToList();
        int waitingBefore;
        await using (var db = portal.CreateDbContext())
        {
            // Start-up may have queued emails (the demo seed's) that the host's sender had not sent yet: they go too.
            waitingBefore = await db.OutboxMessages.CountAsync(m => m.SentAtUtc == null && m.UndeliveredAtUtc == null);
            foreach (var subject in subjects)
            {
                outbox.Enqueue(db, "dpo@acme.example", subject, "Hello");
            }
            await db.SaveChangesAsync();
        }

        // Four senders, as four instances would run, start at the same moment and poll until nothing is left.
        var senders = Enumerable.Range(0, 4).Select(_ => ActivatorUtilities.CreateInstance<OutboxSender>(portal.Services)).ToList();
        using var start = new Barrier(senders.Count);
        var delivered = await Task.WhenAll(senders.Select(sender => Task.Run(async () =>
        {
            start.SignalAndWait();
            var total = 0;
            for (var round = 0; round < 10; round++)
            {
                total += await sender.DeliverDueAsync(CancellationToken.None);
            }
            return total;
        })));
        Assert.InRange(delivered.Sum(), Messages, Messages + waitingBefore);

        var expected = subjects.Select(outbox.Subject).ToHashSet(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (smtp.ReceivedEmail.Count(e => expected.Contains(e.Headers["Subject"] ?? "")) < Messages && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        await Task.Delay(500); // a duplicate would arrive in this time
        var received = smtp.ReceivedEmail.Select(e => e.Headers["Subject"] ?? "").Where(expected.Contains).ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal));

        await using var check = portal.CreateDbContext();
        var rows = await check.OutboxMessages.AsNoTracking().Where(m => expected.Contains(m.Subject)).ToListAsync();
        Assert.Equal(Messages, rows.Count);
        Assert.All(rows, m =>
        {
            Assert.NotNull(m.SentAtUtc);
            Assert.Equal(1, m.Attempts);
            Assert.Null(m.ClaimedBy);
        });
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        portal.Dispose();
        smtp.Dispose();
    }

    private sealed class SmtpPortal(int port) : PortalFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
        };
    }
}
