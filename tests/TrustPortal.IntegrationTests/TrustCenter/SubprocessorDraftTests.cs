using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustPortal.IntegrationTests.Admin;
using TrustPortal.IntegrationTests.SignIn;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.TrustCenter;
using TrustPortal.Web.Features.TrustCenter.Subscriptions;
using TrustPortal.Web.Shared;

namespace TrustPortal.IntegrationTests.TrustCenter;

/// <summary>The portal with a real SMTP server and an objection period other than the default 30 days.</summary>
public sealed class DraftsPortal : MailboxPortal
{
    public const int ObjectionDays = 14;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Agreements:SubprocessorObjectionDays"] = ObjectionDays.ToString(CultureInfo.InvariantCulture),
    };
}

public sealed class SubprocessorDraftTests(DraftsPortal portal) : IClassFixture<DraftsPortal>
{
    private static string Short(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
    private static string Long(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    [Fact]
    public async Task SavedDrafts_AreNotPublic_UntilPublished_ThenTheAdditionShowsItsStartDate_AndEveryoneIsTold()
    {
        using var visitor = new PortalClient(portal.BaseAddress);
        var subscriber = $"watcher-{Guid.NewGuid():N}@example.org";
        await SubscribeAndConfirmAsync(visitor, subscriber);
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(AdminTestData.Admin));
        var admin = scope.ServiceProvider.GetRequiredService<SubprocessorAdminService>();
        var name = $"Vectorhaus {Guid.NewGuid():N}"[..20];
        var before = await admin.GetOverviewAsync();
        var leaving = before.Rows.First(r => r.Live is not null && r.Draft is null).Live!;
        var edited = before.Rows.Last(r => r.Live is not null && r.Draft is null).Live!;

        Assert.True((await admin.SaveAsync(new SubprocessorInput { Name = name, Purpose = "Vector search", Location = "European Union (Germany)", DataCategories = "Embeddings" })).Succeeded);
        var edit = SubprocessorInput.From(edited);
        edit.Location = "Switzerland";
        Assert.True((await admin.SaveAsync(edit)).Succeeded);
        Assert.True((await admin.RemoveAsync(leaving.Id)).Succeeded);

        // Nothing public has changed, even with the cache emptied.
        await portal.Services.GetRequiredService<TrustCenterService>().EvictCacheAsync();
        var draftPage = await visitor.GetDocumentAsync("/subprocessors");
        Assert.DoesNotContain(name, draftPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(leaving.Name, draftPage.Body.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Switzerland", draftPage.Body.TextContent, StringComparison.Ordinal);
        var overview = await admin.GetOverviewAsync();
        Assert.Equal(3, overview.DraftCount);
        Assert.Contains(overview.Rows, r => r.Live is null && r.Draft is { Kind: SubprocessorChangeKind.Added } d && d.Name == name);
        Assert.Contains(overview.Rows, r => r.Live?.Id == edited.Id && r.Draft?.Kind == SubprocessorChangeKind.Changed);
        Assert.Contains(overview.Rows, r => r.Live?.Id == leaving.Id && r.Draft?.Kind == SubprocessorChangeKind.Removed);
        await using (var db = portal.CreateDbContext())
        {
            Assert.False(await db.Subprocessors.AnyAsync(s => s.Name == name));
        }
        using (var staff = new PortalClient(portal.BaseAddress))
        {
            await staff.SignInAsync(AdminTestData.Admin, PortalFactory.DemoPassword);
            var adminPage = await staff.GetDocumentAsync("/admin/subprocessors");
            Assert.Contains("not yet public", adminPage.QuerySelector("#pending-drafts")!.TextContent, StringComparison.Ordinal);
        }

        var published = await admin.PublishAsync("Vector search moves to a specialist provider.");
        Assert.True(published.Succeeded, published.Error);

        var startsOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(DraftsPortal.ObjectionDays);
        var page = await visitor.GetDocumentAsync("/subprocessors");
        var row = page.QuerySelectorAll("table tbody tr").Single(r => r.TextContent.Contains(name, StringComparison.Ordinal));
        Assert.Contains($"Starts processing {Short(startsOn)}", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(page.QuerySelectorAll("table tbody tr"), r => r.TextContent.Contains(leaving.Name, StringComparison.Ordinal));
        Assert.Contains("Switzerland", page.QuerySelectorAll("table tbody tr").Single(r => r.TextContent.Contains(edited.Name, StringComparison.Ordinal)).TextContent, StringComparison.Ordinal);
        var history = page.QuerySelector($"#version-{published.Number}")!.TextContent;
        Assert.Contains($"Added {name}", history, StringComparison.Ordinal);
        Assert.Contains($"Removed {leaving.Name}", history, StringComparison.Ordinal);
        Assert.Contains($"Changed {edited.Name}", history, StringComparison.Ordinal);

        // The subscriber's notice, as delivered by SMTP.
        var notice = await portal.WaitForEmailAsync(subscriber, $"subprocessor list updated (version {published.Number})");
        Assert.Contains($"Added {name}", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Starts processing on {Long(startsOn)}", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Removed {leaving.Name}", notice.TextBody, StringComparison.Ordinal);

        // Each organization's DPA signatory, named on its most recent executed DPA.
        List<(string Email, string Number)> signers;
        await using (var db = portal.CreateDbContext())
        {
            signers = (await db.Agreements.Where(a => a.Kind == AgreementKind.Dpa && a.Status == AgreementStatus.Executed)
                    .Select(a => new { a.OrganizationId, a.SignerEmail, a.Number, a.ExecutedAtUtc }).ToListAsync())
                .GroupBy(a => a.OrganizationId).Select(g => g.OrderByDescending(a => a.ExecutedAtUtc).First())
                .Select(a => (a.SignerEmail, a.Number)).ToList();
            var version = await db.SubprocessorListVersions.Include(v => v.Changes).SingleAsync(v => v.Number == published.Number);
            Assert.Equal(
                [(SubprocessorChangeKind.Added, name), (SubprocessorChangeKind.Changed, edited.Name), (SubprocessorChangeKind.Removed, leaving.Name)],
                version.Changes.OrderBy(c => c.Kind).Select(c => (c.Kind, c.Name)));
            Assert.Equal(startsOn, version.Changes.Single(c => c.Kind == SubprocessorChangeKind.Added).EffectiveOn);
            Assert.Equal(startsOn, (await db.Subprocessors.SingleAsync(s => s.Name == name)).AddedOn);
            Assert.False(await db.SubprocessorChanges.AnyAsync(c => c.VersionId == null));
            var audit = await db.AuditEvents.SingleAsync(e => e.Action == "subprocessors.published" && e.EntityId == published.Number.ToString(CultureInfo.InvariantCulture));
            Assert.Contains(name, audit.Data, StringComparison.Ordinal);
        }
        Assert.NotEmpty(signers);
        Assert.Equal(signers.Count, published.Organizations);
        foreach (var (email, number) in signers)
        {
            var letter = await portal.WaitForEmailAsync(email, $"Notice of subprocessor change under your DPA {number}: object by {Long(startsOn)}");
            Assert.Contains($"Added {name}", letter.TextBody, StringComparison.Ordinal);
            Assert.Contains($"within {DraftsPortal.ObjectionDays} days, that is until {Long(startsOn)}", letter.TextBody, StringComparison.Ordinal);
            Assert.Contains("How to object", letter.TextBody, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DiscardedDraft_IsNeverPublished_AndPublishingWithoutDraftsIsRefused()
    {
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(AdminTestData.Admin));
        var admin = scope.ServiceProvider.GetRequiredService<SubprocessorAdminService>();
        var name = $"Second Thoughts {Guid.NewGuid():N}"[..24];
        Assert.True((await admin.SaveAsync(new SubprocessorInput { Name = name, Purpose = "Analytics", Location = "United States", DataCategories = "Usage data" })).Succeeded);
        var draft = (await admin.GetOverviewAsync()).Rows.Single(r => r.Draft?.Name == name).Draft!;

        // Editing the draft keeps one draft; a second addition with the same name is refused.
        var edit = SubprocessorInput.From(draft);
        edit.Purpose = "Product analytics";
        Assert.True((await admin.SaveAsync(edit)).Succeeded);
        var duplicate = await admin.SaveAsync(new SubprocessorInput { Name = name, Purpose = "Other", Location = "EU", DataCategories = "None" });
        Assert.NotNull(duplicate.For(nameof(SubprocessorInput.Name)));
        Assert.True((await admin.DiscardAsync(draft.Id)).Succeeded);

        Assert.False((await admin.GetOverviewAsync()).HasUnpublishedChanges);
        var refused = await admin.PublishAsync("Nothing to say.");
        Assert.False(refused.Succeeded);
        await using var db = portal.CreateDbContext();
        Assert.False(await db.Subprocessors.AnyAsync(s => s.Name == name));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "subprocessors.draft_discarded"));
    }

    [Fact]
    public async Task PublishOnAnotherInstance_ShowsHere_WithoutEvictingThisInstancesCache()
    {
        using var visitor = new PortalClient(portal.BaseAddress);
        _ = await visitor.GetDocumentAsync("/subprocessors"); // cached on this instance
        var name = $"Elsewhere Inc {Guid.NewGuid():N}"[..22];

        // What another instance's publish leaves in the shared database; this instance's cache is not told.
        await using (var db = portal.CreateDbContext())
        {
            var latest = await db.SubprocessorListVersions.MaxAsync(v => v.Number);
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            db.Subprocessors.Add(new Subprocessor { Name = name, Purpose = "Testing", Location = "EU", DataCategories = "None", AddedOn = today });
            db.SubprocessorListVersions.Add(new SubprocessorListVersion
            {
                Number = latest + 1, PublishedAtUtc = DateTime.UtcNow, PublishedBy = "other instance", ChangeSummary = "Added elsewhere.",
                Sha256 = new string('0', 64), ObjectionDeadline = today,
            });
            await db.SaveChangesAsync();
        }

        var page = await visitor.GetDocumentAsync("/subprocessors");
        Assert.Contains(name, page.Body!.TextContent, StringComparison.Ordinal);
    }

    private async Task SubscribeAndConfirmAsync(PortalClient client, string email)
    {
        using (var response = await client.SubmitFormAsync("/subprocessors/subscribe", "subscribe", new Dictionary<string, string> { ["Input.Email"] = email }))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var confirmation = await portal.WaitForEmailAsync(email, SubscriptionService.ConfirmSubject);
        var link = AdminTestData.LinkIn(confirmation.TextBody ?? "", "/subprocessors/confirm");
        using var confirmed = await client.SubmitFormAsync(link.PathAndQuery, "confirm-subscription", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
    }
}

/// <summary>The portal on a clock the test moves, to see a new subprocessor's start date arrive.</summary>
public sealed class MovableClockPortal : PortalFactory
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected override TimeProvider? Clock => Time;
}

public sealed class SubprocessorStartDateTests(MovableClockPortal portal) : IClassFixture<MovableClockPortal>
{
    [Fact]
    public async Task NewSubprocessor_ReadsLikeTheOthers_OnceItsStartDateHasPassed()
    {
        var days = portal.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AgreementOptions>>().Value.SubprocessorObjectionDays;
        var published = await AdminTestData.AddAndPublishAsync(portal, "Added a processor that starts later.");
        string name;
        await using (var db = portal.CreateDbContext())
        {
            name = (await db.SubprocessorChanges.SingleAsync(c => c.Version!.Number == published.Number && c.Kind == SubprocessorChangeKind.Added)).Name;
        }
        using var visitor = new PortalClient(portal.BaseAddress);
        var startsOn = DateOnly.FromDateTime(portal.Time.GetUtcNow().UtcDateTime).AddDays(days);

        var before = await visitor.GetDocumentAsync("/subprocessors");
        Assert.Contains($"Starts processing {startsOn.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}", Row(before, name), StringComparison.Ordinal);

        portal.Time.Advance(TimeSpan.FromDays(days + 1)); // no publish and no eviction: the date alone changes the page
        var after = await visitor.GetDocumentAsync("/subprocessors");
        Assert.DoesNotContain("Starts processing", Row(after, name), StringComparison.Ordinal);
        Assert.Contains(startsOn.ToString("MMM yyyy", CultureInfo.InvariantCulture), Row(after, name), StringComparison.Ordinal);
        Assert.Contains($"Added {name}", after.QuerySelector($"#version-{published.Number}")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Processing since", after.QuerySelector($"#version-{published.Number}")!.TextContent, StringComparison.Ordinal);
    }

    private static string Row(AngleSharp.Html.Dom.IHtmlDocument page, string name) =>
        page.QuerySelectorAll("table tbody tr").Single(r => r.TextContent.Contains(name, StringComparison.Ordinal)).TextContent;
}
