using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using netDumbster.smtp;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Email;

namespace TrustPortal.IntegrationTests.Email;

public sealed class SmtpDeliveryTests : IDisposable
{
    private readonly int smtpPort = FreePort();
    private readonly SmtpPortal portal;
    private SimpleSmtpServer? smtp;

    public SmtpDeliveryTests() => portal = new SmtpPortal(smtpPort);

    [Fact]
    public async Task Outbox_KeepsMailWhileSmtpIsDown_AndDeliversWhenItReturns()
    {
        var id = await EnqueueAsync("dpo@acme.example", "Your agreement is ready");

        var failed = await WaitForAsync(id, m => m.Attempts >= 1 && m.LastError is not null);
        Assert.Null(failed.SentAtUtc);
        Assert.True(failed.NextAttemptAtUtc > DateTime.UtcNow, "the retry is scheduled for later");

        smtp = SimpleSmtpServer.Start(smtpPort);
        await using (var db = portal.CreateDbContext())
        {
            // Skip the back-off wait instead of sleeping through it.
            await db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAtUtc, DateTime.UtcNow.AddSeconds(-1)));
        }

        var sent = await WaitForAsync(id, m => m.SentAtUtc is not null);
        Assert.Null(sent.LastError);
        var received = Assert.Single(smtp.ReceivedEmail);
        Assert.Equal("dpo@acme.example", received.ToAddresses.Single().Address);
        Assert.Equal("Your agreement is ready", received.Headers["Subject"]);
    }

    [Fact]
    public async Task Outbox_GivesUpAfterMaxAttempts()
    {
        var id = await EnqueueAsync("nobody@acme.example", "Never delivered");
        for (var i = 0; i < 3; i++)
        {
            await WaitForAsync(id, m => m.Attempts > i);
            await using var db = portal.CreateDbContext();
            await db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAtUtc, DateTime.UtcNow.AddSeconds(-1)));
        }

        var dead = await WaitForAsync(id, m => m.FailedAtUtc is not null);

        Assert.Equal(3, dead.Attempts);
        Assert.Null(dead.SentAtUtc);
    }

    private async Task<Guid> EnqueueAsync(string to, string subject)
    {
        _ = portal.BaseAddress; // starts the host and its sender
        await using var db = portal.CreateDbContext();
        portal.Services.GetRequiredService<EmailOutbox>().Enqueue(db, to, subject, "Hello");
        await db.SaveChangesAsync();
        return await db.OutboxMessages.Where(m => m.To == to).Select(m => m.Id).SingleAsync();
    }

    private async Task<OutboxMessage> WaitForAsync(Guid id, Func<OutboxMessage, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var db = portal.CreateDbContext();
            var message = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
            if (condition(message))
            {
                return message;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Outbox message never reached the expected state (attempts {message.Attempts}, error {message.LastError}).");
            }
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        smtp?.Dispose();
        portal.Dispose();
    }

    private sealed class SmtpPortal(int port) : PortalFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:MaxAttempts"] = "3",
        };
    }
}
