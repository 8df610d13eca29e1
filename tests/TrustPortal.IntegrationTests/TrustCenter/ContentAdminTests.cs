using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Features.TrustCenter;
using TrustPortal.Web.Features.TrustCenter.Admin;

namespace TrustPortal.IntegrationTests.TrustCenter;

/// <summary>
/// Admins edit a draft of the commitments and publish it as a new immutable version; visitors see it at once on
/// /commitments and /commitments/history. Tests share one portal, so each starts from whatever version is current.
/// </summary>
public sealed class ContentAdminTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Admin = "admin@trustportal.local";

    [Fact]
    public async Task ContentPage_Anonymous_IsSentToSignIn()
    {
        using var client = new PortalClient(portal.BaseAddress);

        using var response = await client.GetAsync("/admin/content");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContentPage_ForAdmin_ShowsTheDraftEditor()
    {
        using var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync(Admin, PortalFactory.DemoPassword);

        var page = await client.GetDocumentAsync("/admin/content");

        Assert.Contains("Save or publish", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("customer@acme.example")]
    [InlineData("sales@trustportal.local")]
    [InlineData("legal@trustportal.local")]
    public async Task Service_ForNonAdmins_RefusesEveryMethodAndChangesNothing(string email)
    {
        var before = await SnapshotAsync();
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(email));
        var content = scope.ServiceProvider.GetRequiredService<ContentAdminService>();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => content.GetDraftAsync());
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => content.SaveDraftAsync([Section("hijack", "Hijacked", "We may train on your data.")]));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => content.PublishAsync("Hijack attempt.", new DateOnly(2027, 1, 1)));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => content.DiscardDraftAsync());

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Publish_CreatesTheNextVersion_KeepsEarlierVersionsByteIdentical_AndVisitorsSeeItAtOnce()
    {
        using var visitor = new PortalClient(portal.BaseAddress);
        var beforePage = await visitor.GetDocumentAsync("/commitments");
        await visitor.GetDocumentAsync("/commitments/history");
        var earlier = await AllVersionsAsync();
        var current = earlier[^1];
        var firstSection = current.Sections.OrderBy(s => s.Order).First();
        var removedSentence = FirstSentence(firstSection.BodyMarkdown);
        Assert.Contains(removedSentence, beforePage.Body!.TextContent, StringComparison.Ordinal);
        const string added = "We added this sentence about zebra retention in the test.";

        await using (var scope = portal.ScopeAs(await portal.PrincipalForAsync(Admin)))
        {
            var content = scope.ServiceProvider.GetRequiredService<ContentAdminService>();
            var draft = await content.GetDraftAsync();
            draft.Sections[0].BodyMarkdown = draft.Sections[0].BodyMarkdown.Replace(removedSentence, added, StringComparison.Ordinal);
            var saved = await content.SaveDraftAsync(draft.Sections);
            Assert.True(saved.Succeeded, string.Join(" | ", saved.Errors.Select(e => e.ErrorMessage)));
            var published = await content.PublishAsync("Replaces the first sentence.", new DateOnly(2027, 2, 1));
            Assert.True(published.Succeeded, string.Join(" | ", published.Errors.Select(e => e.ErrorMessage)));
            Assert.Equal(current.Number + 1, published.PublishedNumber);
        }

        // Earlier versions: every field and section exactly as before, and the stored hash still matches the text.
        var after = await AllVersionsAsync();
        Assert.Equal(earlier.Count + 1, after.Count);
        foreach (var old in earlier)
        {
            var now = after.Single(v => v.Id == old.Id);
            Assert.Equal(Describe(old), Describe(now));
            Assert.Equal(now.Sha256, ContentHash.Compute(now.Sections));
        }
        var newest = after[^1];
        Assert.Equal(current.Number + 1, newest.Number);
        Assert.Equal(ContentHash.Compute(newest.Sections), newest.Sha256);
        Assert.Equal(Admin, newest.PublishedBy);
        Assert.Equal(new DateOnly(2027, 2, 1), newest.EffectiveDate);
        await using (var db = portal.CreateDbContext())
        {
            var entityId = newest.Number.ToString(CultureInfo.InvariantCulture);
            Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "content.published" && e.EntityId == entityId && e.ActorName == Admin));
            Assert.False(await db.ContentDrafts.AnyAsync());
        }

        // The same anonymous client fetched both pages before, so they were cached; publishing evicted them.
        var commitments = await visitor.GetDocumentAsync("/commitments");
        Assert.Contains(added, commitments.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(removedSentence, commitments.Body.TextContent, StringComparison.Ordinal);
        Assert.Contains($"Version {newest.Number}", commitments.Body.TextContent, StringComparison.Ordinal);

        var history = await visitor.GetDocumentAsync("/commitments/history");
        var row = history.QuerySelector($"#version-{newest.Number}");
        Assert.NotNull(row);
        Assert.Contains("Replaces the first sentence.", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(newest.Sha256, row.TextContent, StringComparison.Ordinal);
        var diff = history.QuerySelector($"#diff-{firstSection.Slug}");
        Assert.NotNull(diff);
        Assert.Contains(diff.QuerySelectorAll("ins"), e => e.TextContent.Contains("zebra", StringComparison.Ordinal));
        Assert.Contains(diff.QuerySelectorAll("del"), e => e.TextContent.Contains(LastWord(removedSentence), StringComparison.Ordinal));
        Assert.Contains("[added: ", diff.TextContent, StringComparison.Ordinal);
        Assert.Contains("[removed: ", diff.TextContent, StringComparison.Ordinal);
        // The public history says when and what, never who: no staff address, no seed marker, no raw Markdown.
        Assert.DoesNotContain(Admin, history.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("demo seed", history.Body.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("**", history.Body.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_WithFromAndTo_ComparesThoseVersions_NotACachedDefault()
    {
        await PublishAsync(sections => sections[0].Title += " (amended)", "Amends the first title.");
        var latest = (await AllVersionsAsync())[^1].Number;
        using var visitor = new PortalClient(portal.BaseAddress);

        var defaultPage = await visitor.GetDocumentAsync("/commitments/history");
        var same = await visitor.GetDocumentAsync($"/commitments/history?from={latest}&to={latest}");

        Assert.Contains($"Changes from version {latest - 1} to version {latest}", defaultPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"Changes from version {latest} to version {latest}", same.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("The two versions have the same text.", same.Body.TextContent, StringComparison.Ordinal);
        Assert.Empty(same.QuerySelectorAll("[id^=diff-]"));
        Assert.NotEmpty(defaultPage.QuerySelectorAll("[id^=diff-] ins"));
    }

    [Theory]
    [InlineData("from=abc", "That is not a version number.")]
    [InlineData("to=999999999999", "That is not a version number.")]
    [InlineData("from=1&to=99999", "There is no published version 99999.")]
    public async Task History_WithAVersionThatIsNotPublished_SaysSoAndOffersTheList(string query, string message)
    {
        await PublishAsync(sections => sections[0].Summary += " Amended.", "Amends the first summary.");
        using var visitor = new PortalClient(portal.BaseAddress);

        var page = await visitor.GetDocumentAsync($"/commitments/history?{query}");

        Assert.Contains($"{message} Choose two versions from the list.", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("select[name=from]"));
        Assert.NotNull(page.QuerySelector("#version-1"));
    }

    [Fact]
    public async Task Publish_BodyWithScriptsAndDangerousLinks_RendersNoneOfThemOnCommitments()
    {
        const string hostile = "Safe words here.\n\n<script>alert('x')</script>\n\n<img src=x onerror=\"alert(1)\">\n\n[click me](javascript:alert(1))\n\n<iframe src=\"https://evil.example\"></iframe>";
        await PublishAsync(sections => sections.Add(Section("hostile-test", "Hostile test", hostile)), "Adds a hostile section.");
        using var visitor = new PortalClient(portal.BaseAddress);

        using var response = await visitor.GetAsync("/commitments");
        var html = await response.Content.ReadAsStringAsync();
        var page = await visitor.GetDocumentAsync("/commitments");

        var section = page.QuerySelector("section#hostile-test");
        Assert.NotNull(section);
        Assert.Contains("Safe words here.", section.TextContent, StringComparison.Ordinal);
        Assert.Empty(section.QuerySelectorAll("script, img, iframe"));
        Assert.DoesNotContain(section.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").Contains("javascript", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(section.QuerySelectorAll("*"), e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<iframe", html, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, string, string> BadSections => new()
    {
        { "Slug", "Bad Slug!", "Title", "", "Body" },
        { "Slug", "x", "Title", "", "Body" },
        { "Title", "good-slug", "T", "", "Body" },
        { "Title", "good-slug", new string('T', 201), "", "Body" },
        { "Title", "good-slug", "Line\nbreak", "", "Body" },
        { "Summary", "good-slug", "Title", new string('s', 501), "Body" },
        { "BodyMarkdown", "good-slug", "Title", "", "" },
        { "BodyMarkdown", "good-slug", "Title", "", new string('b', 20_001) },
        { "BodyMarkdown", "good-slug", "Title", "", "Bell\u0007character" },
    };

    [Theory]
    [MemberData(nameof(BadSections))]
    public async Task SaveDraft_BadField_IsRefusedWithAMessageAtThatFieldAndStoresNothing(string field, string slug, string title, string summary, string body)
    {
        var before = await SnapshotAsync();
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(Admin));
        var content = scope.ServiceProvider.GetRequiredService<ContentAdminService>();
        var draft = await content.GetDraftAsync();
        var sections = draft.Sections.Append(Section(slug, title, body, summary)).ToList();

        var result = await content.SaveDraftAsync(sections);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal(ContentRules.Field(sections.Count - 1, field), Assert.Single(error.MemberNames));
        Assert.False(string.IsNullOrWhiteSpace(error.ErrorMessage));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task SaveDraft_DuplicateSlugOrNoSections_IsRefused()
    {
        var before = await SnapshotAsync();
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(Admin));
        var content = scope.ServiceProvider.GetRequiredService<ContentAdminService>();

        var duplicate = await content.SaveDraftAsync([Section("same-slug", "One", "Body"), Section("same-slug", "Two", "Body")]);
        var empty = await content.SaveDraftAsync([]);

        Assert.Equal(ContentRules.Field(1, "Slug"), Assert.Single(duplicate.Errors).MemberNames.Single());
        Assert.Equal(ContentRules.SectionsField, Assert.Single(empty.Errors).MemberNames.Single());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Publish_WithoutSummaryOrUnchanged_IsRefused()
    {
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(Admin));
        var content = scope.ServiceProvider.GetRequiredService<ContentAdminService>();
        await content.DiscardDraftAsync();
        var draft = await content.GetDraftAsync();
        Assert.True((await content.SaveDraftAsync(draft.Sections)).Succeeded);
        var before = await SnapshotAsync();

        var noSummary = await content.PublishAsync("", new DateOnly(2027, 1, 1));
        var unchanged = await content.PublishAsync("Nothing really changed.", new DateOnly(2027, 6, 1));

        Assert.Contains(noSummary.Errors, e => e.MemberNames.Contains("ChangeSummary"));
        Assert.Contains(unchanged.Errors, e => e.ErrorMessage!.Contains("same as the published version", StringComparison.Ordinal));
        Assert.Equal(before, await SnapshotAsync());
        await content.DiscardDraftAsync();
    }

    [Fact]
    public async Task Guard_AnyUnitOfWorkModifyingAPublishedVersion_IsRefused()
    {
        _ = portal.BaseAddress;
        await using var db = portal.CreateDbContext();
        var version = await db.ContentVersions.Include(v => v.Sections).OrderBy(v => v.Number).FirstAsync();
        var original = version.ChangeSummary;

        version.ChangeSummary = "Rewritten history";
        var modify = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        db.ContentSections.Remove(await db.ContentSections.FirstAsync());
        var delete = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        Assert.Contains("immutable", modify.Message, StringComparison.Ordinal);
        Assert.Contains("immutable", delete.Message, StringComparison.Ordinal);
        await using var check = portal.CreateDbContext();
        Assert.Equal(original, (await check.ContentVersions.SingleAsync(v => v.Id == version.Id)).ChangeSummary);
    }

    private async Task PublishAsync(Action<List<DraftSection>> edit, string summary)
    {
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(Admin));
        var content = scope.ServiceProvider.GetRequiredService<ContentAdminService>();
        await content.DiscardDraftAsync();
        var draft = await content.GetDraftAsync();
        edit(draft.Sections);
        var saved = await content.SaveDraftAsync(draft.Sections);
        Assert.True(saved.Succeeded, string.Join(" | ", saved.Errors.Select(e => e.ErrorMessage)));
        var published = await content.PublishAsync(summary, new DateOnly(2027, 3, 1));
        Assert.True(published.Succeeded, string.Join(" | ", published.Errors.Select(e => e.ErrorMessage)));
    }

    private static DraftSection Section(string slug, string title, string body, string summary = "") =>
        new() { Slug = slug, Title = title, Summary = summary, BodyMarkdown = body };

    private static string FirstSentence(string markdown)
    {
        var text = markdown.Split('\n', StringSplitOptions.RemoveEmptyEntries).First(l => l.Length > 20 && !l.StartsWith('-') && !l.Contains('*') && !l.Contains('['));
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? text[..(end + 1)] : text;
    }

    private static string LastWord(string sentence) => sentence.TrimEnd('.').Split(' ')[^1];

    private async Task<List<ContentVersion>> AllVersionsAsync()
    {
        _ = portal.BaseAddress;
        await using var db = portal.CreateDbContext();
        return await db.ContentVersions.AsNoTracking().Include(v => v.Sections).OrderBy(v => v.Number).ToListAsync();
    }

    private static string Describe(ContentVersion v) =>
        string.Join("\u001e", new[] { v.Number.ToString(CultureInfo.InvariantCulture), v.EffectiveDate.ToString("O", CultureInfo.InvariantCulture), v.PublishedAtUtc.ToString("O", CultureInfo.InvariantCulture), v.PublishedBy, v.ChangeSummary, v.Sha256 }
            .Concat(v.Sections.OrderBy(s => s.Id).Select(s => $"{s.Id}|{s.Order}|{s.Slug}|{s.Title}|{s.Summary}|{s.BodyMarkdown}")));

    private async Task<string> SnapshotAsync()
    {
        var versions = await AllVersionsAsync();
        await using var db = portal.CreateDbContext();
        var drafts = await db.ContentDrafts.AsNoTracking().Select(d => d.SectionsJson + d.UpdatedAtUtc.ToString("O")).ToListAsync();
        return string.Join("\n", versions.Select(Describe)) + "\n" + string.Join("\n", drafts) + "\n" + await db.AuditEvents.CountAsync();
    }
}
