using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Baa;
using TrustPortal.Web.Features.Requests;
using TrustPortal.Web.Security;
using static TrustPortal.IntegrationTests.Baa.BaaTestData;

namespace TrustPortal.IntegrationTests.Baa;

/// <summary>Sales' review of BAA requests: the queue in the database, the decisions and their races, and who may see what.</summary>
public sealed class BaaReviewTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    // ---- The queue: filters, search, paging and sorting run in the database ----

    [Fact]
    public async Task QueryQueue_FilteredByStatus_ReturnsOnlyThatStatus()
    {
        var tag = NewTag();
        var (submitted, _) = await SubmitNewAsync(portal, $"Status {tag} A");
        var inReview = await InReviewAsync(portal, $"Status {tag} B");
        var asked = await InReviewAsync(portal, $"Status {tag} C");
        await ReviewAsync(portal, async s => await s.RequestInformationAsync(asked, await VersionAsync(portal, asked), "Which EHR sends the notes?"));

        var waiting = await QueryAsync(new RequestQueueQuery(Status: BaaStatus.InformationRequested, Search: tag));
        var reviewing = await QueryAsync(new RequestQueueQuery(Status: BaaStatus.InReview, Search: tag));
        var all = await QueryAsync(new RequestQueueQuery(Search: tag));

        Assert.Equal([asked], waiting.Rows.Select(r => r.Id));
        Assert.Equal(BaaStatus.InformationRequested, waiting.Rows[0].Status);
        Assert.Equal([inReview], reviewing.Rows.Select(r => r.Id));
        Assert.Equal(3, all.Total);
        Assert.Contains(all.Rows, r => r.Id == submitted && r.Status == BaaStatus.Submitted);
    }

    [Fact]
    public async Task QueryQueue_AssignedToMe_AfterAssignToMe_ReturnsOnlyMineAndUnassignedTheRest()
    {
        var tag = NewTag();
        var (mine, _) = await SubmitNewAsync(portal, $"Assignee {tag} A");
        var (theirs, _) = await SubmitNewAsync(portal, $"Assignee {tag} B");
        var (nobodys, _) = await SubmitNewAsync(portal, $"Assignee {tag} C");
        var colleague = await CreateStaffAsync(portal, "Robin Reviewer", Roles.Sales);
        await ReviewAsync(portal, s => s.AssignToMeAsync([mine]));
        await ReviewAsync(portal, s => s.AssignToMeAsync([theirs]), reviewer: colleague);

        var assignedToMe = await QueryAsync(new RequestQueueQuery(Assignee: RequestQueueQuery.Me, Search: tag));
        var unassigned = await QueryAsync(new RequestQueueQuery(Assignee: RequestQueueQuery.Unassigned, Search: tag));

        Assert.Equal([mine], assignedToMe.Rows.Select(r => r.Id));
        Assert.Equal("Sam Sales", assignedToMe.Rows[0].AssignedToName);
        Assert.Equal(BaaStatus.InReview, assignedToMe.Rows[0].Status);
        Assert.Equal([nobodys], unassigned.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task QueryQueue_SearchByReference_FindsExactlyThatRequest()
    {
        var tag = NewTag();
        var (first, _) = await SubmitNewAsync(portal, $"Reference {tag} A");
        await SubmitNewAsync(portal, $"Reference {tag} B");
        var reference = (await LoadAsync(portal, first)).Reference;

        var exact = await QueryAsync(new RequestQueueQuery(Search: Ref(reference)));
        var lowerCase = await QueryAsync(new RequestQueueQuery(Search: $"  {Ref(reference).ToLowerInvariant()} "));

        Assert.Equal([first], exact.Rows.Select(r => r.Id));
        Assert.Equal(1, exact.Total);
        Assert.Equal([first], lowerCase.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task QueryQueue_SearchByOrganizationOrLegalName_FindsOnlyMatches()
    {
        var tag = NewTag();
        var legalOnly = NewTag();
        var (byOrganization, _) = await SubmitNewAsync(portal, $"Search {tag} Clinic");
        var (byLegalName, _) = await SubmitNewAsync(portal, $"Search {tag} Labs", change: u => u.LegalName = $"Zenith {legalOnly} Health LLC");
        await SubmitNewAsync(portal, $"Search {NewTag()} Elsewhere");

        var organization = await QueryAsync(new RequestQueueQuery(Search: $"{tag} Clinic"));
        var legalName = await QueryAsync(new RequestQueueQuery(Search: $"Zenith {legalOnly}"));
        var both = await QueryAsync(new RequestQueueQuery(Search: tag));

        Assert.Equal([byOrganization], organization.Rows.Select(r => r.Id));
        Assert.Equal([byLegalName], legalName.Rows.Select(r => r.Id));
        Assert.Equal($"Zenith {legalOnly} Health LLC", legalName.Rows[0].LegalName);
        Assert.Equal(new HashSet<Guid> { byOrganization, byLegalName }, both.Rows.Select(r => r.Id).ToHashSet());
    }

    [Fact]
    public async Task QueryQueue_PageSizeTwo_ReturnsTwoRowsAndTheFullTotal()
    {
        var tag = NewTag();
        var ids = new List<Guid>();
        foreach (var suffix in new[] { "A", "B", "C" })
        {
            ids.Add((await SubmitNewAsync(portal, $"Paging {tag} {suffix}")).Id);
        }

        var first = await QueryAsync(new RequestQueueQuery(Search: tag, Page: 0, PageSize: 2));
        var second = await QueryAsync(new RequestQueueQuery(Search: tag, Page: 1, PageSize: 2));

        Assert.Equal(2, first.Rows.Count);
        Assert.Equal(3, first.Total);
        Assert.Single(second.Rows);
        Assert.Equal(3, second.Total);
        Assert.Equal(ids.ToHashSet(), first.Rows.Concat(second.Rows).Select(r => r.Id).ToHashSet());
    }

    [Fact]
    public async Task QueryQueue_SortedByReference_FollowsTheReferenceNumbers()
    {
        var tag = NewTag();
        foreach (var suffix in new[] { "A", "B", "C" })
        {
            await SubmitNewAsync(portal, $"Sort {tag} {suffix}");
        }

        var descending = await QueryAsync(new RequestQueueQuery(Search: tag, SortBy: "reference", Descending: true));

        var references = descending.Rows.Select(r => r.Reference).ToList();
        Assert.Equal(references.OrderDescending(), references);
        Assert.Equal(3, references.Distinct().Count());
    }

    // ---- Decisions ----

    [Fact]
    public async Task Decide_SecondReviewerWithTheSameVersion_GetsConflictAndTheFirstDecisionStands()
    {
        var id = await InReviewAsync(portal, $"Race {NewTag()}");
        await ReviewAsync(portal, async s => await s.SaveChecklistAsync(id, await VersionAsync(portal, id), new BaaChecklist(true, false, true)));
        var colleague = await CreateStaffAsync(portal, "Robin Reviewer", Roles.Sales);
        var seen = await VersionAsync(portal, id);

        var approved = await AsAsync<BaaReviewService, BaaResult>(portal, Sales, s => s.ApproveAsync(id, seen));
        var rejected = await AsAsync<BaaReviewService, BaaResult>(portal, colleague, s => s.RejectAsync(id, seen, "Not eligible."));

        Assert.True(approved.Succeeded, approved.Message);
        Assert.True(rejected.Conflict);
        Assert.False(rejected.Succeeded);
        Assert.Contains("Someone else changed this request", rejected.Message, StringComparison.Ordinal);
        var stored = await LoadAsync(portal, id);
        Assert.Equal(BaaStatus.Approved, stored.Status);
        Assert.Null(stored.DecisionReason);
        Assert.Equal("Sam Sales", stored.DecidedByName);
        await using var db = portal.CreateDbContext();
        Assert.False(await db.AuditEvents.AnyAsync(e => e.EntityId == id.ToString() && e.Action == "baa.rejected"));
    }

    [Fact]
    public async Task Decide_TwoReviewersAtOnce_ExactlyOneWinsAndTheOtherGetsConflict()
    {
        var id = await InReviewAsync(portal, $"Race {NewTag()}");
        await ReviewAsync(portal, async s => await s.SaveChecklistAsync(id, await VersionAsync(portal, id), new BaaChecklist(true, false, true)));
        var colleague = await CreateStaffAsync(portal, "Robin Reviewer", Roles.Sales);
        var seen = await VersionAsync(portal, id);

        // Each reviewer in their own flow, as two browser circuits would be.
        var results = await Task.WhenAll(
            Task.Run(() => AsAsync<BaaReviewService, BaaResult>(portal, Sales, s => s.ApproveAsync(id, seen))),
            Task.Run(() => AsAsync<BaaReviewService, BaaResult>(portal, colleague, s => s.RejectAsync(id, seen, "Not eligible."))));

        Assert.Single(results, r => r.Succeeded);
        Assert.Single(results, r => r.Conflict);
        var stored = await LoadAsync(portal, id);
        if (results[0].Succeeded)
        {
            Assert.Equal(BaaStatus.Approved, stored.Status);
            Assert.Null(stored.DecisionReason);
        }
        else
        {
            Assert.Equal(BaaStatus.Rejected, stored.Status);
            Assert.Equal("Not eligible.", stored.DecisionReason);
        }
    }

    [Fact]
    public async Task SaveChecklist_WithAnOldVersion_IsAConflictAndKeepsTheStoredChecklist()
    {
        var id = await InReviewAsync(portal, $"Checklist {NewTag()}");
        var seen = await VersionAsync(portal, id);
        await ReviewAsync(portal, s => s.SaveChecklistAsync(id, seen, new BaaChecklist(true, true, true)));

        var stale = await AsAsync<BaaReviewService, BaaResult>(portal, Sales, s => s.SaveChecklistAsync(id, seen, new BaaChecklist(false, false, false)));

        Assert.True(stale.Conflict);
        var stored = await LoadAsync(portal, id);
        Assert.True(stored.CheckServicesEligible && stored.CheckZeroRetentionConfigured && stored.CheckNoExcludedFeatures);
    }

    [Fact]
    public async Task Approve_BeforeTheChecklistIsComplete_IsRefusedUntilItIs()
    {
        var id = await InReviewAsync(portal, $"Checklist {NewTag()}", zeroDataRetention: true);

        var untouched = await AsAsync<BaaReviewService, BaaResult>(portal, Sales, async s => await s.ApproveAsync(id, await VersionAsync(portal, id)));
        await ReviewAsync(portal, async s => await s.SaveChecklistAsync(id, await VersionAsync(portal, id), new BaaChecklist(true, false, true)));
        var withoutZeroRetention = await AsAsync<BaaReviewService, BaaResult>(portal, Sales, async s => await s.ApproveAsync(id, await VersionAsync(portal, id)));
        Assert.Equal(BaaStatus.InReview, (await LoadAsync(portal, id)).Status);
        await ReviewAsync(portal, async s => await s.SaveChecklistAsync(id, await VersionAsync(portal, id), new BaaChecklist(true, true, true)));
        var complete = await AsAsync<BaaReviewService, BaaResult>(portal, Sales, async s => await s.ApproveAsync(id, await VersionAsync(portal, id)));

        Assert.Contains("Complete the eligibility checklist", untouched.Message, StringComparison.Ordinal);
        Assert.False(untouched.Conflict);
        Assert.Contains("Complete the eligibility checklist", withoutZeroRetention.Message, StringComparison.Ordinal);
        Assert.True(complete.Succeeded, complete.Message);
        Assert.Equal(BaaStatus.Approved, (await LoadAsync(portal, id)).Status);
    }

    [Fact]
    public async Task Approve_WhenZeroRetentionWasNotRequested_DoesNotNeedThatCheck()
    {
        var id = await InReviewAsync(portal, $"Checklist {NewTag()}", zeroDataRetention: false);
        await ReviewAsync(portal, async s => await s.SaveChecklistAsync(id, await VersionAsync(portal, id), new BaaChecklist(true, false, true)));

        var result = await AsAsync<BaaReviewService, BaaResult>(portal, Sales, async s => await s.ApproveAsync(id, await VersionAsync(portal, id)));

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(BaaStatus.Approved, (await LoadAsync(portal, id)).Status);
    }

    [Fact]
    public async Task Reject_WithoutAReason_IsRefusedAtTheReasonFieldAndChangesNothing()
    {
        var id = await InReviewAsync(portal, $"Reject {NewTag()}");
        var before = await LoadAsync(portal, id);

        var result = await AsAsync<BaaReviewService, BaaResult>(portal, Sales, s => s.RejectAsync(id, before.Version, "   "));

        Assert.False(result.Succeeded);
        Assert.False(result.Conflict);
        var error = Assert.Single(result.Errors);
        Assert.Equal(["Reason"], error.MemberNames);
        Assert.Equal("Enter the reason.", error.ErrorMessage);
        var after = await LoadAsync(portal, id);
        Assert.Equal(BaaStatus.InReview, after.Status);
        Assert.Equal(before.Version, after.Version);
        Assert.Null(after.DecisionReason);
    }

    [Fact]
    public async Task RequestInformation_WithoutAQuestion_IsRefusedAtTheQuestionField()
    {
        var id = await InReviewAsync(portal, $"Question {NewTag()}");

        var result = await AsAsync<BaaReviewService, BaaResult>(portal, Sales, async s => await s.RequestInformationAsync(id, await VersionAsync(portal, id), ""));
        var note = await AsAsync<BaaReviewService, BaaResult>(portal, Sales, s => s.AddNoteAsync(id, " "));

        Assert.Equal(["Question"], Assert.Single(result.Errors).MemberNames);
        Assert.Equal(["Note"], Assert.Single(note.Errors).MemberNames);
        Assert.Equal(BaaStatus.InReview, (await LoadAsync(portal, id)).Status);
    }

    // ---- Who may see what ----

    [Fact]
    public async Task ReviewService_CalledByACustomer_ShowsNothingAndChangesNothing()
    {
        var (id, customer) = await SubmitNewAsync(portal, $"Intruder {NewTag()}");
        var version = await VersionAsync(portal, id);

        var queue = await AsAsync<RequestQueueService, RequestQueueResult>(portal, customer, s => s.QueryAsync(new RequestQueueQuery()));
        var view = await AsAsync<BaaReviewService, BaaReviewView?>(portal, customer, s => s.GetAsync(id));
        var assign = await AsAsync<BaaReviewService, BaaResult>(portal, customer, s => s.AssignToMeAsync([id]));
        var reject = await AsAsync<BaaReviewService, BaaResult>(portal, customer, s => s.RejectAsync(id, version, "Let me in."));
        var checklist = await AsAsync<BaaReviewService, BaaResult>(portal, customer, s => s.SaveChecklistAsync(id, version, new BaaChecklist(true, true, true)));
        var note = await AsAsync<BaaReviewService, BaaResult>(portal, customer, s => s.AddNoteAsync(id, "Approve me please"));

        Assert.Empty(queue.Rows);
        Assert.Equal(0, queue.Total);
        Assert.Null(view);
        Assert.All(new[] { assign, reject, checklist, note }, r => Assert.False(r.Succeeded));
        var stored = await LoadAsync(portal, id);
        Assert.Equal(BaaStatus.Submitted, stored.Status);
        Assert.Equal(version, stored.Version);
        Assert.False(stored.CheckServicesEligible);
        await using var db = portal.CreateDbContext();
        Assert.False(await db.BaaNotes.AnyAsync(n => n.RequestId == id));
    }

    [Fact]
    public async Task QueuePage_ForSales_IsOkAndExplainsTheResponseTarget()
    {
        using var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync(Sales, PortalFactory.DemoPassword);

        using var response = await client.GetAsync("/sales/requests");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Equal("Requests", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains("within 2 business days", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReviewPage_ForAnUnknownId_IsNotFound()
    {
        using var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync(Sales, PortalFactory.DemoPassword);

        using var response = await client.GetAsync($"/sales/baa/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ReviewPage_ForSales_ShowsTheRequestNotesAndCustomerTextAsText()
    {
        const string markup = "<img src=x onerror=alert(1)>";
        var (id, _) = await SubmitNewAsync(portal, $"Render {NewTag()}", change: u => u.PhiFlow = $"Visit notes {markup} from our backend.");
        await ReviewAsync(portal, s => s.AddNoteAsync(id, "Checked the <b>Batch</b> API use with the account team."));
        var reference = Ref((await LoadAsync(portal, id)).Reference);
        using var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync(Sales, PortalFactory.DemoPassword);

        using var response = await client.GetAsync($"/sales/baa/{id}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(html);
        Assert.Equal(reference, page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains("Checked the <b>Batch</b> API use", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"Visit notes {markup} from our backend.", page.Body.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(markup, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Batch</b>", html, StringComparison.Ordinal);
        Assert.Contains("Internal note (never shown to the customer)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InternalNotes_NeverReachTheCustomer_ByServiceOrPage()
    {
        const string note = "Internal: the account team approved a pricing exception";
        var (id, customer) = await SubmitNewAsync(portal, $"Notes {NewTag()}");
        await ReviewAsync(portal, s => s.AddNoteAsync(id, note));
        await ReviewAsync(portal, s => s.AssignToMeAsync([id]));
        await ReviewAsync(portal, async s => await s.RequestInformationAsync(id, await VersionAsync(portal, id), "Which EHR sends the notes?"));

        var view = await AsAsync<BaaCustomerService, BaaCustomerView?>(portal, customer, s => s.GetAsync(id));

        Assert.NotNull(view);
        Assert.Contains(view.Conversation, m => m.Text == "Which EHR sends the notes?");
        Assert.DoesNotContain(note, JsonSerializer.Serialize(view), StringComparison.Ordinal);

        using var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync(customer, PortalFactory.DemoPassword);
        using var page = await client.GetAsync($"/baa/{id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Which EHR sends the notes?", html, StringComparison.Ordinal);
        Assert.DoesNotContain(note, html, StringComparison.Ordinal);
    }

    private Task<RequestQueueResult> QueryAsync(RequestQueueQuery query) =>
        AsAsync<RequestQueueService, RequestQueueResult>(portal, Sales, s => s.QueryAsync(query));
}
