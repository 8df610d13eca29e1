using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.IntegrationTests.Admin;
using TrustPortal.IntegrationTests.SignIn;
using TrustPortal.Testing;
using TrustPortal.Web.Features.TrustCenter;
using TrustPortal.Web.Features.TrustCenter.Subscriptions;
using TrustPortal.Web.Features.TrustCenter.Updates;

namespace TrustPortal.IntegrationTests.TrustCenter;

public sealed class UpdatesPortal : MailboxPortal;

/// <summary>Posts on /updates: publishing, the Atom and JSON feeds, and emails by the categories subscribers chose.</summary>
public sealed class UpdatesTests(UpdatesPortal portal) : IClassFixture<UpdatesPortal>
{
    [Fact]
    public async Task Feeds_ParseAsAtomAndJsonFeed_NewestFirst_AndASubprocessorPublicationIsInBoth()
    {
        var first = await PublishAsync(UpdateCategory.Maintenance, $"Maintenance {Guid.NewGuid():N}", "Short window.\n\nNothing to do.");
        var second = await PublishAsync(UpdateCategory.Incident, $"Incident {Guid.NewGuid():N}", "Elevated error rates, now resolved.");
        var published = await AdminTestData.AddAndPublishAsync(portal, "Added a processor for the feed test.");
        var subprocessorTitle = $"Subprocessor list updated (version {published.Number})";

        using var http = new HttpClient { BaseAddress = portal.BaseAddress };
        using var atomResponse = await http.GetAsync(UpdateFeeds.AtomPath);
        Assert.Equal(HttpStatusCode.OK, atomResponse.StatusCode);
        Assert.Equal("application/atom+xml", atomResponse.Content.Headers.ContentType!.MediaType);
        SyndicationFeed atom;
        using (var reader = XmlReader.Create(await atomResponse.Content.ReadAsStreamAsync()))
        {
            atom = SyndicationFeed.Load(reader);
        }
        var atomItems = atom.Items.ToList();
        Assert.Equal([subprocessorTitle, second.Title, first.Title], atomItems.Take(3).Select(i => i.Title.Text));
        Assert.Equal(atomItems.OrderByDescending(i => i.PublishDate).Select(i => i.Id), atomItems.Select(i => i.Id));
        Assert.Equal($"urn:uuid:{second.Id}", atomItems[1].Id);
        Assert.Equal("incident", atomItems[1].Categories.Single().Name);
        Assert.Equal(new Uri(portal.BaseAddress, UpdateService.PathFor(second.Id)).AbsolutePath, atomItems[1].Links.Single().Uri.AbsolutePath);
        Assert.Contains("Elevated error rates", ((TextSyndicationContent)atomItems[1].Summary ?? (TextSyndicationContent)atomItems[1].Content).Text, StringComparison.Ordinal);

        using var jsonResponse = await http.GetAsync(UpdateFeeds.JsonPath);
        Assert.Equal("application/feed+json", jsonResponse.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await jsonResponse.Content.ReadAsStringAsync());
        Assert.Equal("https://jsonfeed.org/version/1.1", json.RootElement.GetProperty("version").GetString());
        var jsonItems = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(atomItems.Select(i => i.Id), jsonItems.Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(subprocessorTitle, jsonItems[0].GetProperty("title").GetString());
        Assert.Equal("subprocessor-change", jsonItems[0].GetProperty("tags")[0].GetString());
        Assert.Contains("Added a processor for the feed test.", jsonItems[0].GetProperty("content_text").GetString(), StringComparison.Ordinal);
        var dates = jsonItems.Select(i => i.GetProperty("date_published").GetDateTimeOffset()).ToList();
        Assert.Equal(dates.OrderDescending(), dates);

        // The page lists the same posts; one post has its own page; an unknown one is 404.
        using var visitor = new PortalClient(portal.BaseAddress);
        var page = await visitor.GetDocumentAsync("/updates");
        var titles = page.QuerySelectorAll(".update-list h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(jsonItems.Select(i => i.GetProperty("title").GetString()), titles);
        var incidents = await visitor.GetDocumentAsync("/updates?category=incident");
        Assert.All(incidents.QuerySelectorAll(".update-list .update-category"), c => Assert.Equal("Incident", c.TextContent.Trim()));
        var single = await visitor.GetDocumentAsync(UpdateService.PathFor(second.Id));
        Assert.Equal(second.Title, single.QuerySelector("h1")!.TextContent.Trim());
        using var missing = await visitor.GetAsync(UpdateService.PathFor(Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Publishing_EmailsConfirmedSubscribersOfThatCategoryOnly()
    {
        var incidentsOnly = await SubscriberAsync(UpdateCategories.Incidents, confirmed: true);
        var subprocessorsOnly = await SubscriberAsync(UpdateCategories.SubprocessorChanges, confirmed: true);
        var everythingButGone = await SubscriberAsync(UpdateCategories.All, confirmed: true, unsubscribed: true);
        var unconfirmed = await SubscriberAsync(UpdateCategories.All, confirmed: false);

        var post = await PublishAsync(UpdateCategory.Incident, $"Incident {Guid.NewGuid():N}", "Degraded latency in one region.");
        var email = await portal.WaitForEmailAsync(incidentsOnly, post.Title);
        Assert.Contains(UpdateService.PathFor(post.Id), email.TextBody, StringComparison.Ordinal);
        Assert.Contains("/subprocessors/unsubscribe?token=", email.TextBody, StringComparison.Ordinal);

        await AdminTestData.AddAndPublishAsync(portal, "Added a processor for the category test.");
        await portal.WaitForEmailAsync(subprocessorsOnly, "subprocessor list updated");
        await using var db = portal.CreateDbContext();
        var subject = post.Title;
        var recipients = await db.OutboxMessages.Where(m => m.Subject.Contains(subject)).Select(m => m.To).ToListAsync();
        Assert.Contains(incidentsOnly, recipients);
        Assert.DoesNotContain(subprocessorsOnly, recipients);
        Assert.Equal(await db.SubprocessorSubscriptions.CountAsync(s => s.ConfirmedAtUtc != null && s.UnsubscribedAtUtc == null
            && (s.Categories & UpdateCategories.Incidents) == UpdateCategories.Incidents), recipients.Count);
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.To == incidentsOnly && m.Subject.Contains("subprocessor list updated")));
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.To == everythingButGone || m.To == unconfirmed));
        Assert.Equal(recipients.Count, (await db.UpdatePosts.SingleAsync(p => p.Id == post.Id)).Emailed);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "update.published" && e.EntityId == post.Id.ToString()));
    }

    [Theory]
    [InlineData(UpdateCategory.Incident, "", "Body", nameof(UpdateInput.Title))]
    [InlineData(UpdateCategory.Incident, "Title", "  ", nameof(UpdateInput.Body))]
    [InlineData(UpdateCategory.SubprocessorChange, "Title", "Body", nameof(UpdateInput.Category))]
    [InlineData(null, "Title", "Body", nameof(UpdateInput.Category))]
    [InlineData(UpdateCategory.Incident, "Two\nlines", "Body", nameof(UpdateInput.Title))]
    public async Task Publish_WithBadInput_SaysWhichField_AndStoresNothing(UpdateCategory? category, string title, string body, string field)
    {
        var before = await CountsAsync();
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(AdminTestData.Admin));
        var (result, id) = await scope.ServiceProvider.GetRequiredService<UpdateService>().PublishAsync(new UpdateInput { Category = category, Title = title, Body = body });
        Assert.False(result.Succeeded);
        Assert.Null(id);
        Assert.NotNull(result.For(field));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Publish_BySales_IsRefused_AndStoresNothing()
    {
        var before = await CountsAsync();
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync("sales@trustportal.local"));
        var (result, _) = await scope.ServiceProvider.GetRequiredService<UpdateService>()
            .PublishAsync(new UpdateInput { Category = UpdateCategory.Incident, Title = "Not mine to say", Body = "No." });
        Assert.Equal(UpdateService.NotAllowed, result.Error);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task SubscribeForm_WithChosenCategories_TakesEffectOnConfirmation_AndNoneChosenIsRefused()
    {
        using var visitor = new PortalClient(portal.BaseAddress);
        var email = $"reader-{Guid.NewGuid():N}@example.org";
        using (var none = await visitor.SubmitFormAsync("/updates/subscribe", "subscribe", new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.SubprocessorChanges"] = "false", ["Input.SecurityNotices"] = "false", ["Input.Incidents"] = "false", ["Input.Maintenance"] = "false",
        }))
        {
            Assert.Equal(HttpStatusCode.OK, none.StatusCode);
            Assert.Contains(SubscriptionService.NoCategory, await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        await using (var db = portal.CreateDbContext())
        {
            Assert.False(await db.SubprocessorSubscriptions.AnyAsync(s => s.Email == email));
        }

        using (var chosen = await visitor.SubmitFormAsync("/updates/subscribe", "subscribe", new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.SubprocessorChanges"] = "false", ["Input.Maintenance"] = "false",
        }))
        {
            Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        }
        var confirmation = await portal.WaitForEmailAsync(email, SubscriptionService.ConfirmSubject);
        Assert.Contains("security notices and incidents", confirmation.TextBody, StringComparison.Ordinal);
        var link = AdminTestData.LinkIn(confirmation.TextBody ?? "", "/subprocessors/confirm");
        using (var confirmed = await visitor.SubmitFormAsync(link.PathAndQuery, "confirm-subscription", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }
        await using var check = portal.CreateDbContext();
        var subscription = await check.SubprocessorSubscriptions.SingleAsync(s => s.Email == email);
        Assert.Equal(UpdateCategories.Incidents | UpdateCategories.SecurityNotices, subscription.Categories);
        Assert.NotNull(subscription.ConfirmedAtUtc);
        Assert.Null(subscription.RequestedCategories);
    }

    private async Task<UpdatePost> PublishAsync(UpdateCategory category, string title, string body)
    {
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync("legal@trustportal.local"));
        var (result, id) = await scope.ServiceProvider.GetRequiredService<UpdateService>().PublishAsync(new UpdateInput { Category = category, Title = title, Body = body });
        Assert.True(result.Succeeded, result.Error ?? string.Join(" ", result.Errors.Values));
        await using var db = portal.CreateDbContext();
        return await db.UpdatePosts.AsNoTracking().SingleAsync(p => p.Id == id);
    }

    private async Task<string> SubscriberAsync(UpdateCategories categories, bool confirmed, bool unsubscribed = false)
    {
        var email = $"subscriber-{Guid.NewGuid():N}@example.org";
        await using var db = portal.CreateDbContext();
        db.SubprocessorSubscriptions.Add(new SubprocessorSubscription
        {
            Email = email, NormalizedEmail = email.ToUpperInvariant(), CreatedAtUtc = DateTime.UtcNow, Categories = categories,
            ConfirmedAtUtc = confirmed ? DateTime.UtcNow : null, UnsubscribedAtUtc = unsubscribed ? DateTime.UtcNow : null,
        });
        await db.SaveChangesAsync();
        return email;
    }

    private async Task<(int Posts, int Events, int Emails)> CountsAsync()
    {
        await using var db = portal.CreateDbContext();
        return (await db.UpdatePosts.CountAsync(), await db.AuditEvents.CountAsync(e => e.Action == "update.published"), await db.OutboxMessages.CountAsync());
    }
}
