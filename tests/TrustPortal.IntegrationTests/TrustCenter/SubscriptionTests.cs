using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.IntegrationTests.Admin;
using TrustPortal.Testing;
using TrustPortal.Web.Features.TrustCenter.Subscriptions;

namespace TrustPortal.IntegrationTests.TrustCenter;

public sealed class SubscriptionTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Notices_GoOnlyToConfirmedSubscribers_AndStopAfterUnsubscribing()
    {
        using var client = new PortalClient(portal.BaseAddress);
        var unconfirmed = NewEmail();
        var confirmed = NewEmail();
        await SubscribeAsync(client, unconfirmed);
        await SubscribeAsync(client, confirmed);
        await ConfirmAsync(client, confirmed);

        await AdminTestData.AddAndPublishAsync(portal);

        Assert.Equal(0, await AdminTestData.NoticeCountAsync(portal, unconfirmed));
        Assert.Equal(1, await AdminTestData.NoticeCountAsync(portal, confirmed));

        string notice;
        await using (var db = portal.CreateDbContext())
        {
            notice = (await db.OutboxMessages.SingleAsync(m => m.To == confirmed && m.Subject.Contains("subprocessor list updated"))).TextBody;
        }
        var unsubscribe = AdminTestData.LinkIn(notice, "/subprocessors/unsubscribe");
        // Opening the link changes nothing by itself: mail scanners open links too.
        var landing = await client.GetDocumentAsync(unsubscribe.PathAndQuery);
        Assert.NotNull(landing.QuerySelector("input[name=_handler][value=unsubscribe]"));
        Assert.Null((await SubscriptionAsync(confirmed)).UnsubscribedAtUtc);

        using (var pressed = await client.SubmitFormAsync(unsubscribe.PathAndQuery, "unsubscribe", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
            Assert.NotNull((await PortalClient.ParseAsync(pressed)).QuerySelector("#subscription-result"));
        }
        Assert.NotNull((await SubscriptionAsync(confirmed)).UnsubscribedAtUtc);

        await AdminTestData.AddAndPublishAsync(portal, "Another change.");
        Assert.Equal(1, await AdminTestData.NoticeCountAsync(portal, confirmed));
        Assert.Equal(0, await AdminTestData.NoticeCountAsync(portal, unconfirmed));
    }

    [Fact]
    public async Task Subscribe_Twice_GivesTheSameAnswer_AndKeepsOneRow()
    {
        using var client = new PortalClient(portal.BaseAddress);
        var email = NewEmail();

        var first = await SubscribeAsync(client, email);
        var second = await SubscribeAsync(client, email);
        await ConfirmAsync(client, email);
        var afterConfirming = await SubscribeAsync(client, email);

        Assert.Equal(first, second);
        Assert.Equal(first, afterConfirming);
        var normalized = email.ToUpperInvariant();
        await using var db = portal.CreateDbContext();
        Assert.Equal(1, await db.SubprocessorSubscriptions.CountAsync(s => s.NormalizedEmail == normalized));
        // A repeat within minutes sends no second email, so the form cannot flood someone's inbox.
        Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.To == email && m.Subject.EndsWith(SubscriptionService.ConfirmSubject)));
    }

    [Fact]
    public async Task TamperedOrWrongPurposeTokens_AreRefused_AndChangeNothing()
    {
        using var client = new PortalClient(portal.BaseAddress);
        var pending = NewEmail();
        var active = NewEmail();
        await SubscribeAsync(client, pending);
        await SubscribeAsync(client, active);
        await ConfirmAsync(client, active);
        var pendingRow = await SubscriptionAsync(pending);
        var activeRow = await SubscriptionAsync(active);
        var tokens = portal.Services.GetRequiredService<SubscriptionTokens>();
        var expired = portal.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(SubscriptionTokens.ConfirmPurpose)
            .ToTimeLimitedDataProtector().Protect(pendingRow.Id.ToString("N"), DateTimeOffset.UtcNow.AddMinutes(-1));

        string[] badConfirmations = [Tamper(tokens.ForConfirmation(pendingRow.Id)), tokens.ForUnsubscribe(pendingRow.Id), expired, "not-a-token"];
        foreach (var token in badConfirmations)
        {
            await AssertRefusedAsync(client, "/subprocessors/confirm?token=" + Uri.EscapeDataString(token));
        }
        string[] badUnsubscribes = [Tamper(tokens.ForUnsubscribe(activeRow.Id)), tokens.ForConfirmation(activeRow.Id), ""];
        foreach (var token in badUnsubscribes)
        {
            await AssertRefusedAsync(client, "/subprocessors/unsubscribe?token=" + Uri.EscapeDataString(token));
        }

        // The service refuses them too, whatever the page shows.
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<SubscriptionService>();
            foreach (var token in badConfirmations)
            {
                Assert.Equal(SubscriptionOutcome.InvalidLink, await service.ConfirmAsync(token));
            }
            foreach (var token in badUnsubscribes)
            {
                Assert.Equal(SubscriptionOutcome.InvalidLink, await service.UnsubscribeAsync(token));
            }
        }
        Assert.Null((await SubscriptionAsync(pending)).ConfirmedAtUtc);
        Assert.Null((await SubscriptionAsync(active)).UnsubscribedAtUtc);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-email")]
    [InlineData("someone@example.org\r\nBcc: everyone@example.org")]
    [InlineData("Some One <someone@example.org>")]
    public async Task Subscribe_WithBadEmail_ShowsAMessageAndStoresNothing(string email)
    {
        using var client = new PortalClient(portal.BaseAddress);
        await using var before = portal.CreateDbContext();
        var rows = await before.SubprocessorSubscriptions.CountAsync();
        var messages = await before.OutboxMessages.CountAsync();

        using var response = await client.SubmitFormAsync("/subprocessors/subscribe", "subscribe", new Dictionary<string, string> { ["Input.Email"] = email });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.NotNull(page.QuerySelector("#email-error"));
        Assert.Null(page.QuerySelector("#subscribe-result"));
        await using var after = portal.CreateDbContext();
        Assert.Equal(rows, await after.SubprocessorSubscriptions.CountAsync());
        Assert.Equal(messages, await after.OutboxMessages.CountAsync());
    }

    [Fact]
    public async Task SubscribePage_IsNotOutputCached_AndCarriesTheAntiforgeryCookie()
    {
        using var client = new PortalClient(portal.BaseAddress);
        using var response = await client.GetAsync("/subprocessors/subscribe");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.Contains("Antiforgery", StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<string> SubscribeAsync(PortalClient client, string email)
    {
        using var response = await client.SubmitFormAsync("/subprocessors/subscribe", "subscribe", new Dictionary<string, string> { ["Input.Email"] = email });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = (await PortalClient.ParseAsync(response)).QuerySelector("#subscribe-result");
        Assert.NotNull(answer);
        return answer.TextContent.Trim();
    }

    private async Task ConfirmAsync(PortalClient client, string email)
    {
        string body;
        await using (var db = portal.CreateDbContext())
        {
            body = (await db.OutboxMessages.Where(m => m.To == email && m.Subject.EndsWith(SubscriptionService.ConfirmSubject))
                .OrderByDescending(m => m.CreatedAtUtc).FirstAsync()).TextBody;
        }
        var link = AdminTestData.LinkIn(body, "/subprocessors/confirm");
        Assert.Null((await SubscriptionAsync(email)).ConfirmedAtUtc);
        using var response = await client.SubmitFormAsync(link.PathAndQuery, "confirm-subscription", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await PortalClient.ParseAsync(response)).QuerySelector("#subscription-result"));
        Assert.NotNull((await SubscriptionAsync(email)).ConfirmedAtUtc);
    }

    private static async Task AssertRefusedAsync(PortalClient client, string url)
    {
        var page = await client.GetDocumentAsync(url);
        Assert.NotNull(page.QuerySelector("#subscription-error"));
        Assert.Null(page.QuerySelector("input[name=_handler]"));
    }

    private async Task<Web.Features.TrustCenter.SubprocessorSubscription> SubscriptionAsync(string email)
    {
        var normalized = email.ToUpperInvariant();
        await using var db = portal.CreateDbContext();
        return await db.SubprocessorSubscriptions.AsNoTracking().SingleAsync(s => s.NormalizedEmail == normalized);
    }

    // Changes one character in the middle, where the payload and its MAC are.
    private static string Tamper(string token)
    {
        var chars = token.ToCharArray();
        var i = chars.Length / 2;
        chars[i] = chars[i] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    private static string NewEmail() => $"sub-{Guid.NewGuid():N}@example.org";
}
