using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using netDumbster.smtp;
using TrustPortal.IntegrationTests.Admin;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Email;

namespace TrustPortal.IntegrationTests.Email;

/// <summary>
/// The outbox against a real SMTP server in-process that is really stopped and started again on the same port. The
/// portal runs on a fake clock, so days of back-off pass in seconds; the sender itself polls in real time.
/// </summary>
public sealed class SmtpDeliveryTests : IDisposable
{
    private const string Legal = "legal@trustportal.local";
    private readonly int smtpPort = FreePort();
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly SmtpPortal portal;
    private SimpleSmtpServer? smtp;

    public SmtpDeliveryTests() => portal = new SmtpPortal(smtpPort, clock);

    [Fact]
    public async Task SmtpDown_LongerThanTheOldRetryWindow_EveryMessageArrivesWhenItReturns()
    {
        smtp = SimpleSmtpServer.Start(smtpPort);
        var before = await EnqueueAsync("dpo@acme.example", "Before the outage");
        await StopSmtpOnceAllIsSentAsync();
        Assert.NotNull((await LoadAsync([before])).Single().SentAtUtc);

        string[] subjects = ["DPA-2026-0042 executed: your copy", "DPA-2026-0043 executed: your copy", "Confirm your TrustPortal account"];
        var ids = new List<Guid>();
        for (var i = 0; i < subjects.Length; i++)
        {
            ids.Add(await EnqueueAsync($"signer{i}@globex.example", subjects[i]));
        }
        await WaitForAllAsync(ids, m => m.Attempts == 1 && m.LastError is not null);

        // Four hours down by the portal's clock. The old rule gave up for good after 8 attempts, about 11 minutes in.
        var outageEnds = clock.GetUtcNow() + TimeSpan.FromHours(4);
        for (var attempts = 1; clock.GetUtcNow() < outageEnds; attempts++)
        {
            clock.Advance(OutboxSender.Backoff(attempts));
            await WaitForAllAsync(ids, m => m.Attempts > attempts);
        }
        var waiting = await LoadAsync(ids);
        Assert.All(waiting, m =>
        {
            Assert.True(m.Attempts > 8, $"{m.Attempts} attempts");
            Assert.Null(m.SentAtUtc);
            Assert.Null(m.UndeliveredAtUtc);
            Assert.NotNull(m.LastError);
            Assert.True(m.NextAttemptAtUtc - clock.GetUtcNow().UtcDateTime <= TimeSpan.FromHours(1), "the next attempt is at most an hour away");
        });
        var (_, status, details) = await HealthAsync();
        Assert.Equal("Degraded", status);
        Assert.Equal(3, details.GetProperty("waiting").GetInt32());

        smtp = SimpleSmtpServer.Start(smtpPort);
        clock.Advance(TimeSpan.FromHours(1));
        await WaitForAllAsync(ids, m => m.SentAtUtc is not null);

        var outbox = portal.Services.GetRequiredService<EmailOutbox>();
        Assert.Equal(subjects.Select(outbox.Subject).Order(StringComparer.Ordinal), smtp.ReceivedEmail.Select(e => e.Headers["Subject"]).Order(StringComparer.Ordinal));
        Assert.All(await LoadAsync(ids), m => Assert.Null(m.LastError));
        Assert.Equal("Healthy", (await HealthAsync()).Status);
    }

    [Fact]
    public async Task Undelivered_AfterTheRetryPeriod_DegradesHealthz_UntilAnAdminRetriesAndItArrives()
    {
        await StopSmtpOnceAllIsSentAsync();
        var first = await EnqueueAsync("gale@globex.example", "DPA-2026-0050 executed: your copy");
        var second = await EnqueueAsync("dpo@acme.example", "DPA-2026-0051 executed: your copy");
        await WaitForAllAsync([first, second], m => m.Attempts == 1);
        Assert.Equal("Healthy", (await HealthAsync()).Status);

        // The server stays down for the whole retry period (Email:GiveUpAfter, 7 days by default).
        clock.Advance(TimeSpan.FromDays(7));
        await WaitForAllAsync([first, second], m => m.UndeliveredAtUtc is not null);
        var (code, status, details) = await HealthAsync();
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("Degraded", status);
        Assert.Equal(2, details.GetProperty("undelivered").GetInt32());

        // Undelivered mail stays, and nothing retries it on its own however long it waits.
        clock.Advance(TimeSpan.FromDays(30));
        await Task.Delay(1000);
        Assert.All(await LoadAsync([first, second]), m => Assert.Equal(2, m.Attempts));

        // Admins see it and only they may retry it.
        await using (var scope = portal.ScopeAs(await portal.PrincipalForAsync(Legal)))
        {
            var delivery = scope.ServiceProvider.GetRequiredService<MailDelivery>();
            Assert.False((await delivery.RetryAsync(first)).Succeeded);
            Assert.False((await delivery.RetryAllAsync()).Succeeded);
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => delivery.GetPageAsync(0, 25));
        }
        Assert.All(await LoadAsync([first, second]), m => Assert.NotNull(m.UndeliveredAtUtc));
        smtp = SimpleSmtpServer.Start(smtpPort);
        await using (var scope = portal.ScopeAs(await portal.PrincipalForAsync(AdminTestData.Admin)))
        {
            var delivery = scope.ServiceProvider.GetRequiredService<MailDelivery>();
            var (listed, total) = await delivery.GetPageAsync(0, 25);
            Assert.Equal(2, total);
            Assert.All(listed, item => Assert.Equal(OutboxStatus.Undelivered, item.Status));
            Assert.Equal(2, (await delivery.GetSummaryAsync()).Undelivered);

            var retried = await delivery.RetryAsync(first);
            Assert.True(retried.Succeeded, retried.Error);
            await WaitForAsync(first, m => m.SentAtUtc is not null);
            Assert.NotNull((await LoadAsync([second])).Single().UndeliveredAtUtc);

            var all = await delivery.RetryAllAsync();
            Assert.True(all.Succeeded, all.Error);
            await WaitForAsync(second, m => m.SentAtUtc is not null);
            Assert.Equal(0, (await delivery.GetPageAsync(0, 25)).Total);
        }

        Assert.Equal(["[Meridian AI] DPA-2026-0050 executed: your copy", "[Meridian AI] DPA-2026-0051 executed: your copy"],
            smtp.ReceivedEmail.Select(e => e.Headers["Subject"]).Order(StringComparer.Ordinal));
        await using var db = portal.CreateDbContext();
        var audited = await db.AuditEvents.Where(e => e.EntityType == MailDelivery.EntityType).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(["email.retried", "email.retried-all"], audited.Select(e => e.Action));
        Assert.All(audited, e => Assert.Equal(AdminTestData.Admin, e.ActorName));
        Assert.Equal(first.ToString(), audited[0].EntityId);
        Assert.Equal("Healthy", (await HealthAsync()).Status);
    }

    [Fact]
    public async Task MailDeliveryPage_ForAnAdmin_SaysWhatIsUndelivered()
    {
        await StopSmtpOnceAllIsSentAsync();
        using var admin = new PortalClient(portal.BaseAddress);
        await admin.SignInAsync(AdminTestData.Admin, PortalFactory.DemoPassword);
        var allSent = await admin.GetDocumentAsync("/admin/mail");
        Assert.Equal("Mail delivery", allSent.QuerySelector("h1")!.TextContent.Trim());
        // The page's own alerts (the layout's seal banner is data-banner, not about mail).
        Assert.Null(allSent.QuerySelector(".mud-alert:not([data-banner])"));

        var id = await EnqueueAsync("gale@globex.example", "DPA-2026-0060 executed: your copy");
        await WaitForAsync(id, m => m.Attempts == 1);
        clock.Advance(TimeSpan.FromDays(7));
        await WaitForAsync(id, m => m.UndeliveredAtUtc is not null);

        // A week on, the first session has expired: sign in again.
        using var later = new PortalClient(portal.BaseAddress);
        await later.SignInAsync(AdminTestData.Admin, PortalFactory.DemoPassword);
        var page = await later.GetDocumentAsync("/admin/mail");
        Assert.Contains("1 email is undelivered", page.QuerySelector(".mud-alert:not([data-banner])")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>Lets the server take what is queued (start-up queues the demo DPA's email), then stops it: its port refuses connections.</summary>
    private async Task StopSmtpOnceAllIsSentAsync()
    {
        smtp ??= SimpleSmtpServer.Start(smtpPort);
        _ = portal.BaseAddress;
        await using (var db = portal.CreateDbContext())
        {
            await WaitForAllAsync(await db.OutboxMessages.Select(m => m.Id).ToListAsync(), m => m.SentAtUtc is not null);
        }
        StopSmtp();
    }

    private void StopSmtp()
    {
        smtp?.Dispose();
        smtp = null;
    }

    private async Task<Guid> EnqueueAsync(string to, string subject)
    {
        _ = portal.BaseAddress; // starts the host and its sender
        await using var db = portal.CreateDbContext();
        portal.Services.GetRequiredService<EmailOutbox>().Enqueue(db, to, subject, "Hello");
        await db.SaveChangesAsync();
        var sent = portal.Services.GetRequiredService<EmailOutbox>().Subject(subject);
        return await db.OutboxMessages.Where(m => m.To == to && m.Subject == sent).Select(m => m.Id).SingleAsync();
    }

    private async Task<List<OutboxMessage>> LoadAsync(List<Guid> ids)
    {
        await using var db = portal.CreateDbContext();
        return await db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync();
    }

    private Task<OutboxMessage> WaitForAsync(Guid id, Func<OutboxMessage, bool> condition) =>
        WaitForAllAsync([id], condition).ContinueWith(t => t.Result.Single(), TaskScheduler.Default);

    private async Task<List<OutboxMessage>> WaitForAllAsync(List<Guid> ids, Func<OutboxMessage, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var messages = await LoadAsync(ids);
            if (messages.Count == ids.Count && messages.All(condition))
            {
                return messages;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Outbox messages never reached the expected state: "
                    + string.Join("; ", messages.Select(m => $"{m.Subject}: attempts {m.Attempts}, sent {m.SentAtUtc}, undelivered {m.UndeliveredAtUtc}, error {m.LastError}")));
            }
            await Task.Delay(100);
        }
    }

    private async Task<(HttpStatusCode Code, string Status, JsonElement EmailDetails)> HealthAsync()
    {
        using var http = new HttpClient { BaseAddress = portal.BaseAddress };
        using var response = await http.GetAsync("/healthz");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(root.GetProperty("status").GetString(), root.GetProperty("checks").GetProperty("email").GetString());
        return (response.StatusCode, root.GetProperty("status").GetString()!, root.GetProperty("details").GetProperty("email").Clone());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        StopSmtp();
        portal.Dispose();
    }

    private sealed class SmtpPortal(int port, TimeProvider clock) : PortalFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }
}
