using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Documents;
using UglyToad.PdfPig;

namespace TrustPortal.IntegrationTests.Documents;

/// <summary>Prospects' way in: work email only, a single-use link, grants at once or by Sales, and grants that end.</summary>
public sealed class DocumentAccessTests(DocumentsPortal portal) : IClassFixture<DocumentsPortal>
{
    private const string Sales = "sales@trustportal.local";

    [Fact]
    public async Task FreeMailAddress_IsRefusedWithAMessage_AndNothingIsStoredOrSent()
    {
        using var client = new PortalClient(portal.BaseAddress);
        var email = $"someone.{Guid.NewGuid():N}@gmail.com";

        using var response = await client.SubmitFormAsync("/documents/access", "document-access", new Dictionary<string, string> { ["Input.Email"] = email });
        var page = await PortalClient.ParseAsync(response);

        Assert.Contains("Use your work email address", page.QuerySelector("#email-error")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#access-result"));
        await using var db = portal.CreateDbContext();
        Assert.False(await db.TrustViewers.AnyAsync(v => v.Email == email));
        await portal.WaitForOutboxAsync();
        Assert.Empty(portal.Emails(email));
    }

    [Fact]
    public async Task AddressAtACustomersDomain_GetsInAtOnce_AndItsSoc2CopyNamesItOnEveryPage()
    {
        using var client = new PortalClient(portal.BaseAddress);
        var email = $"reviewer.{Guid.NewGuid():N}@acme.example";

        var viewer = await portal.SignInViewerAsync(client, email, "Riley Reviewer");

        Assert.Equal(AccessStatus.Granted, viewer.Status);
        Assert.Equal(AccessRules.AutomaticDecider, viewer.DecidedBy);
        Assert.Contains("customer organization", viewer.DecisionReason, StringComparison.Ordinal);
        Assert.Equal(portal.Time.GetUtcNow().UtcDateTime.AddDays(30), viewer.GrantExpiresAtUtc!.Value, TimeSpan.FromSeconds(1));
        var soc2 = await portal.DocumentIdAsync(DocumentVisibility.Nda);
        using (var beforeNda = await client.GetAsync($"/documents/{soc2}/download"))
        {
            Assert.Equal(HttpStatusCode.NotFound, beforeNda.StatusCode);
        }

        using (var accepted = await client.SubmitFormAsync("/documents/nda", "viewer-nda",
            new Dictionary<string, string> { ["Input.TypedName"] = "Riley Reviewer", ["Input.Consent"] = "true" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }
        using var download = await client.GetAsync($"/documents/{soc2}/download");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        var pdf = await download.Content.ReadAsByteArrayAsync();
        using (var document = PdfDocument.Open(pdf))
        {
            Assert.True(document.NumberOfPages > 3);
            foreach (var page in document.GetPages())
            {
                var text = string.Join(" ", page.GetWords().Select(w => w.Text));
                Assert.Contains(email, text, StringComparison.Ordinal);
                Assert.Contains("Riley Reviewer", text, StringComparison.Ordinal);
            }
        }
        await using var db = portal.CreateDbContext();
        Assert.Equal(1, await db.DocumentActivities.CountAsync(a => a.ViewerId == viewer.Id && a.Kind == DocumentActivityKind.Download && a.DocumentId == soc2));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "access.granted" && e.EntityId == viewer.Id.ToString()));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "nda.accepted" && e.EntityId == viewer.Id.ToString()));
    }

    [Fact]
    public async Task UnknownDomain_Waits_SalesApprove_ThenTheProspectDownloads_AndExpiryAndRevocationEndIt()
    {
        using var client = new PortalClient(portal.BaseAddress);
        var email = $"ciso@prospect-{Guid.NewGuid():N}.example";
        var approved = await portal.DocumentIdAsync(DocumentVisibility.Approved);

        var viewer = await portal.SignInViewerAsync(client, email, "Casey CISO", "Prospect Ltd");

        Assert.Equal(AccessStatus.Pending, viewer.Status);
        await portal.WaitForEmailAsync(Sales, $"Document access requested by {email}");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/documents/{approved}/download")).StatusCode);
        var waiting = await portal.AsAsync(Sales, s => s.GetRequiredService<AccessReview>().ListAsync(AccessQueueView.Waiting));
        Assert.Contains(waiting, r => r.Id == viewer.Id && r.Company == "Prospect Ltd");

        var result = await portal.AsAsync(Sales, s => s.GetRequiredService<AccessReview>().ApproveAsync([viewer.Id], "Welcome"));

        Assert.True(result.Succeeded, result.Summary);
        await portal.WaitForEmailAsync(email, "is approved");
        using (var download = await client.GetAsync($"/documents/{approved}/download"))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Contains(email, PdfTools.Text(await download.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        }

        // The grant ends on its own after 30 days, and renewing restores it.
        portal.Time.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/documents/{approved}/download")).StatusCode);
        var expiredPage = await client.GetDocumentAsync("/documents");
        Assert.Contains("expired", expiredPage.QuerySelector("#reader-status")!.TextContent, StringComparison.Ordinal);
        var renewed = await portal.AsAsync(Sales, s => s.GetRequiredService<AccessReview>().RenewAsync([viewer.Id], null));
        Assert.True(renewed.Succeeded, renewed.Summary);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/documents/{approved}/download")).StatusCode);

        // Revoking works at once, on the browser that is already signed in.
        var noReason = await portal.AsAsync(Sales, s => s.GetRequiredService<AccessReview>().RevokeAsync([viewer.Id], " "));
        Assert.False(noReason.Succeeded);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/documents/{approved}/download")).StatusCode);
        var revoked = await portal.AsAsync(Sales, s => s.GetRequiredService<AccessReview>().RevokeAsync([viewer.Id], "Deal closed lost"));
        Assert.True(revoked.Succeeded, revoked.Summary);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/documents/{approved}/download")).StatusCode);

        await using var db = portal.CreateDbContext();
        var actions = await db.AuditEvents.Where(e => e.EntityId == viewer.Id.ToString()).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
        Assert.Equal(["access.requested", "access.granted", "access.renewed", "access.revoked"], actions);
    }

    [Fact]
    public async Task SalesDecideMany_ADenialNeedsAReason_AndAStaleSelectionChangesNothing()
    {
        var viewers = new List<TrustViewer>();
        for (var i = 0; i < 3; i++)
        {
            using var client = new PortalClient(portal.BaseAddress);
            viewers.Add(await portal.SignInViewerAsync(client, $"buyer{i}@batch-{Guid.NewGuid():N}.example"));
        }
        var review = (IServiceProvider s) => s.GetRequiredService<AccessReview>();

        var denyWithoutReason = await portal.AsAsync(Sales, s => review(s).DenyAsync([viewers[0].Id], ""));
        Assert.False(denyWithoutReason.Succeeded);
        Assert.Contains("reason", denyWithoutReason.Summary, StringComparison.Ordinal);

        var approveTwo = await portal.AsAsync(Sales, s => review(s).ApproveAsync([viewers[0].Id, viewers[1].Id], null));
        Assert.True(approveTwo.Succeeded, approveTwo.Summary);
        // One of these is decided already: the whole batch is refused and the other stays waiting.
        var stale = await portal.AsAsync(Sales, s => review(s).DenyAsync([viewers[1].Id, viewers[2].Id], "Not a fit"));
        Assert.False(stale.Succeeded);

        await using var db = portal.CreateDbContext();
        var ids = viewers.Select(v => v.Id).ToList();
        var statuses = await db.TrustViewers.AsNoTracking().Where(v => ids.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Status);
        Assert.Equal(AccessStatus.Granted, statuses[viewers[0].Id]);
        Assert.Equal(AccessStatus.Granted, statuses[viewers[1].Id]);
        Assert.Equal(AccessStatus.Pending, statuses[viewers[2].Id]);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => portal.AsAsync("customer@acme.example", s => review(s).ApproveAsync([viewers[2].Id], null)));
    }

    [Fact]
    public async Task SignInLink_WorksOnce_AndNotAfterFifteenMinutes()
    {
        var email = $"once@link-{Guid.NewGuid():N}.example";
        using var first = new PortalClient(portal.BaseAddress);
        await portal.SignInViewerAsync(first, email);
        using var second = new PortalClient(portal.BaseAddress);
        var used = await portal.LinkAsync(email);
        var usedPage = await second.GetDocumentAsync(used);
        Assert.NotNull(usedPage.QuerySelector("#link-unusable"));

        var before = portal.Emails(email).Count;
        using (var again = await second.SubmitFormAsync("/documents/access", "document-access", new Dictionary<string, string> { ["Input.Email"] = email }))
        {
            again.EnsureSuccessStatusCode();
        }
        var fresh = await portal.LinkAsync(email, before);
        portal.Time.Advance(TimeSpan.FromMinutes(16));
        Assert.NotNull((await second.GetDocumentAsync(fresh)).QuerySelector("#link-unusable"));
        using var expired = await second.PostFormAsync("/documents/signin", [new("Token", new Uri(portal.BaseAddress, fresh).Query["?token=".Length..])]);
        Assert.DoesNotContain(expired.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.Contains(".TrustPortal.Viewer", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task EachVisibility_ReachesOnlyItsReaders()
    {
        var publicId = await portal.DocumentIdAsync(DocumentVisibility.Public);
        var customersOnly = await portal.DocumentIdAsync(DocumentVisibility.CustomersOnly);
        var approved = await portal.DocumentIdAsync(DocumentVisibility.Approved);
        using var anonymous = new PortalClient(portal.BaseAddress);
        using (var response = await anonymous.GetAsync($"/documents/{publicId}/download"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("trust center on", PdfTools.Text(await response.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/documents/{approved}/download")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/documents/{customersOnly}/download")).StatusCode);

        using var viewer = new PortalClient(portal.BaseAddress);
        await portal.SignInViewerAsync(viewer, $"granted.{Guid.NewGuid():N}@acme.example");
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/documents/{approved}/download")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync($"/documents/{customersOnly}/download")).StatusCode);

        using var customer = new PortalClient(portal.BaseAddress);
        await customer.SignInAsync("customer@globex.example", PortalFactory.DemoPassword);
        using (var response = await customer.GetAsync($"/documents/{customersOnly}/download"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("customer@globex.example", PdfTools.Text(await response.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/documents/{Guid.NewGuid()}/download")).StatusCode);
    }
}
