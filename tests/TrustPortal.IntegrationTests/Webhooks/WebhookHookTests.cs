using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.IntegrationTests.Admin;
using TrustPortal.IntegrationTests.Baa;
using TrustPortal.Web.Features.Baa;
using TrustPortal.Web.Features.Webhooks;

namespace TrustPortal.IntegrationTests.Webhooks;

/// <summary>The state changes that raise events reach a Receiver that chose them: BAA requests and the subprocessor list.</summary>
public sealed class WebhookHookTests(WebhookPortal portal) : WebhookReceiverTest(portal), IClassFixture<WebhookPortal>
{
    [Fact]
    public async Task BaaSubmittedAndRejected_EachReachTheReceiver_WithTheRequestsReference()
    {
        await Portal.RegisterAsync(Receiver, WebhookEventTypes.BaaSubmitted, WebhookEventTypes.BaaDecided);
        var tag = BaaTestData.NewTag();
        var customer = await BaaTestData.CreateCustomerAsync(Portal, $"Hooked Health {tag}");
        Guid id;
        await using (var scope = Portal.ScopeAs(await Portal.PrincipalForAsync(customer)))
        {
            var submitted = await scope.ServiceProvider.GetRequiredService<BaaCustomerService>().SubmitAsync(BaaTestData.UseCase(Portal, $"Hooked Health {tag}"));
            id = submitted.Id ?? throw new InvalidOperationException(string.Join(" ", submitted.Errors));
        }
        await using (var sales = Portal.ScopeAs(await Portal.PrincipalForAsync(BaaTestData.Sales)))
        {
            var review = sales.ServiceProvider.GetRequiredService<BaaReviewService>();
            await review.AssignToMeAsync([id]);
            await using var db = Portal.CreateDbContext();
            var version = await db.BaaRequests.Where(r => r.Id == id).Select(r => r.Version).SingleAsync();
            Assert.NotNull((await review.RejectAsync(id, version, "Out of scope.")).Id);
        }

        await Portal.Sender.RunOnceAsync(CancellationToken.None);

        // Deliveries run side by side, so the Receiver may get them in either order.
        var events = Receiver.Received.Where(r => r.Body.Contains(id.ToString(), StringComparison.Ordinal))
            .Select(r => JsonDocument.Parse(r.Body).RootElement)
            .ToDictionary(e => e.GetProperty("type").GetString()!, e => e.GetProperty("data"));
        Assert.Equal([WebhookEventTypes.BaaDecided, WebhookEventTypes.BaaSubmitted], events.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Submitted", events[WebhookEventTypes.BaaSubmitted].GetProperty("status").GetString());
        Assert.Equal("Rejected", events[WebhookEventTypes.BaaDecided].GetProperty("status").GetString());
        Assert.Equal("Out of scope.", events[WebhookEventTypes.BaaDecided].GetProperty("decisionReason").GetString());
        Assert.All(Receiver.Received, r => Assert.True(r.Verified));
    }

    [Fact]
    public async Task SubprocessorListPublished_ReachesTheReceiver_WithTheNewVersion()
    {
        await Portal.RegisterAsync(Receiver, WebhookEventTypes.SubprocessorsPublished);

        var published = await AdminTestData.AddAndPublishAsync(Portal, "Added a processor for webhooks.");
        await Portal.Sender.RunOnceAsync(CancellationToken.None);

        var received = Assert.Single(Receiver.Received);
        Assert.True(received.Verified);
        var data = JsonDocument.Parse(received.Body).RootElement.GetProperty("data");
        Assert.Equal(published.Number, data.GetProperty("version").GetInt32());
        Assert.Equal("Added a processor for webhooks.", data.GetProperty("summary").GetString());
    }

}
