using Microsoft.EntityFrameworkCore;
using TrustPortal.IntegrationTests.Baa;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Baa;
using TrustPortal.Web.Features.DataRetention;
using TrustPortal.Web.Security;

namespace TrustPortal.IntegrationTests.DataRetention;

/// <summary>Sales reviews a data-retention request with the BAA's workflow: question, answer, checklist, decision, each audited.</summary>
public sealed class DataRetentionReviewTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Review_QuestionAnswerChecklistApprove_IsApprovedAndEveryStepAudited()
    {
        var (id, customer) = await DataRetentionTestData.SubmitNewAsync(portal, BaaTestData.NewTag());

        await ReviewAsync(async s => await s.AssignToMeAsync(id, await VersionAsync(id)));
        await ReviewAsync(async s => await s.RequestInformationAsync(id, await VersionAsync(id), "Do you also use the Files endpoint?"));
        Assert.True(await OutboxHasAsync(customer, "a question about your data-retention request"));
        var answered = await BaaTestData.AsAsync<DataRetentionCustomerService, BaaResult>(portal, customer, s => s.AnswerAsync(id, "No, only Messages and Embeddings."));
        Assert.True(answered.Succeeded, answered.Message);
        var early = await BaaTestData.AsAsync<DataRetentionReviewService, BaaResult>(portal, BaaTestData.Sales, async s => await s.ApproveAsync(id, await VersionAsync(id)));
        Assert.Contains("Complete the checklist", early.Message, StringComparison.Ordinal);
        await ReviewAsync(async s => await s.SaveChecklistAsync(id, await VersionAsync(id), new DataRetentionChecklist(true, true, true)));
        await ReviewAsync(async s => await s.ApproveAsync(id, await VersionAsync(id)));

        await using var db = portal.CreateDbContext();
        var request = await db.DataRetentionRequests.SingleAsync(r => r.Id == id);
        Assert.Equal(BaaStatus.Approved, request.Status);
        Assert.Equal("Sam Sales", request.DecidedByName);
        Assert.True(await OutboxHasAsync(customer, "your data-retention request is approved"));
        var view = await BaaTestData.AsAsync<DataRetentionCustomerService, DataRetentionCustomerView?>(portal, customer, s => s.GetAsync(id));
        Assert.Equal(["Do you also use the Files endpoint?", "No, only Messages and Embeddings."], view!.Conversation.Select(c => c.Text));
        var actions = await db.AuditEvents.Where(e => e.EntityId == id.ToString()).Select(e => e.Action).ToListAsync();
        Assert.Superset(new HashSet<string> { "data-retention.submitted", "data-retention.assigned", "data-retention.information-requested",
            "data-retention.answered", "data-retention.checklist.saved", "data-retention.approved" }, actions.ToHashSet());
    }

    [Fact]
    public async Task Answer_OnAnAssignedRequest_EmailsTheAssigneeOnly()
    {
        var colleague = await BaaTestData.CreateStaffAsync(portal, "Casey Colleague", Roles.Sales);
        var (id, customer) = await DataRetentionTestData.SubmitNewAsync(portal, BaaTestData.NewTag());
        await ReviewAsync(async s => await s.AssignToMeAsync(id, await VersionAsync(id)));
        await ReviewAsync(async s => await s.RequestInformationAsync(id, await VersionAsync(id), "Which region do you call?"));

        var answered = await BaaTestData.AsAsync<DataRetentionCustomerService, BaaResult>(portal, customer, s => s.AnswerAsync(id, "Only the EU region."));

        Assert.True(answered.Succeeded, answered.Message);
        await using var db = portal.CreateDbContext();
        var reference = DataRetentionRules.Ref((await db.DataRetentionRequests.SingleAsync(r => r.Id == id)).Reference);
        var answerMail = await db.OutboxMessages.Where(m => m.Subject.Contains($"{reference}: ") && m.Subject.Contains("answered your question")).Select(m => m.To).ToListAsync();
        Assert.Equal([BaaTestData.Sales], answerMail);
        Assert.DoesNotContain(colleague, answerMail);
    }

    [Fact]
    public async Task InternalNotes_ShowToSales_AndNeverReachTheCustomer_ByServiceOrPage()
    {
        const string note = "Internal: legal confirmed the EU region keeps no logs";
        var (id, customer) = await DataRetentionTestData.SubmitNewAsync(portal, BaaTestData.NewTag());

        await ReviewAsync(s => s.AddNoteAsync(id, note));
        var blank = await BaaTestData.AsAsync<DataRetentionReviewService, BaaResult>(portal, BaaTestData.Sales, s => s.AddNoteAsync(id, " "));
        var byCustomer = await BaaTestData.AsAsync<DataRetentionReviewService, BaaResult>(portal, customer, s => s.AddNoteAsync(id, "Approve me"));
        await ReviewAsync(async s => await s.AssignToMeAsync(id, await VersionAsync(id)));
        await ReviewAsync(async s => await s.RequestInformationAsync(id, await VersionAsync(id), "Which region do you call?"));

        Assert.Equal(["Note"], Assert.Single(blank.Errors).MemberNames);
        Assert.False(byCustomer.Succeeded);
        var review = await BaaTestData.AsAsync<DataRetentionReviewService, DataRetentionReviewView?>(portal, BaaTestData.Sales, s => s.GetAsync(id));
        Assert.Equal([(note, "Sam Sales")], review!.Notes.Select(n => (n.Text, n.AuthorName)));
        var view = await BaaTestData.AsAsync<DataRetentionCustomerService, DataRetentionCustomerView?>(portal, customer, s => s.GetAsync(id));
        Assert.DoesNotContain(note, System.Text.Json.JsonSerializer.Serialize(view), StringComparison.Ordinal);
        using var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync(customer, PortalFactory.DemoPassword);
        using var page = await client.GetAsync($"/portal/data-retention/{id}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Which region do you call?", html, StringComparison.Ordinal);
        Assert.DoesNotContain(note, html, StringComparison.Ordinal);
        await using var db = portal.CreateDbContext();
        Assert.Contains(await db.AuditEvents.Where(e => e.EntityId == id.ToString()).Select(e => e.Action).ToListAsync(), a => a == "data-retention.note.added");
    }

    [Fact]
    public async Task Decide_WithAStaleVersion_IsRefusedAndChangesNothing()
    {
        var (id, _) = await DataRetentionTestData.SubmitNewAsync(portal, BaaTestData.NewTag());
        var seen = await VersionAsync(id);
        await ReviewAsync(s => s.AssignToMeAsync(id, seen));

        var stale = await BaaTestData.AsAsync<DataRetentionReviewService, BaaResult>(portal, BaaTestData.Sales, s => s.RejectAsync(id, seen, "Not possible for batch."));

        Assert.True(stale.Conflict);
        await using var db = portal.CreateDbContext();
        Assert.Equal(BaaStatus.InReview, (await db.DataRetentionRequests.SingleAsync(r => r.Id == id)).Status);
    }

    [Fact]
    public async Task Reject_WithAReason_TellsTheCustomer_AndWithoutOneIsRefused()
    {
        var (id, customer) = await DataRetentionTestData.SubmitNewAsync(portal, BaaTestData.NewTag(), customDays: 5);
        await ReviewAsync(async s => await s.AssignToMeAsync(id, await VersionAsync(id)));

        var blank = await BaaTestData.AsAsync<DataRetentionReviewService, BaaResult>(portal, BaaTestData.Sales, async s => await s.RejectAsync(id, await VersionAsync(id), "  "));
        Assert.Equal("Enter the reason.", blank.Message);
        await ReviewAsync(async s => await s.RejectAsync(id, await VersionAsync(id), "Batch processing cannot run without storage."));

        var view = await BaaTestData.AsAsync<DataRetentionCustomerService, DataRetentionCustomerView?>(portal, customer, s => s.GetAsync(id));
        Assert.Equal(BaaStatus.Rejected, view!.Status);
        Assert.Equal("Batch processing cannot run without storage.", view.RejectionReason);
        Assert.True(await OutboxHasAsync(customer, "was not approved"));
    }

    [Fact]
    public async Task Assign_ToSomeoneOutsideSales_IsRefused_AndCustomersCannotReview()
    {
        var (id, customer) = await DataRetentionTestData.SubmitNewAsync(portal, BaaTestData.NewTag());
        var customerId = (await portal.PrincipalForAsync(customer)).FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value;

        var outsider = await BaaTestData.AsAsync<DataRetentionReviewService, BaaResult>(portal, BaaTestData.Sales, async s => await s.AssignAsync(id, await VersionAsync(id), customerId));
        var byCustomer = await BaaTestData.AsAsync<DataRetentionReviewService, BaaResult>(portal, customer, async s => await s.ApproveAsync(id, await VersionAsync(id)));
        var otherSales = await BaaTestData.CreateStaffAsync(portal, "Val Second", Roles.Sales);
        var otherSalesId = (await portal.PrincipalForAsync(otherSales)).FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value;
        await ReviewAsync(async s => await s.AssignAsync(id, await VersionAsync(id), otherSalesId));

        Assert.Equal("Assign the request to a member of Sales.", outsider.Message);
        Assert.Contains("Only Sales", byCustomer.Message, StringComparison.Ordinal);
        await using var db = portal.CreateDbContext();
        var request = await db.DataRetentionRequests.SingleAsync(r => r.Id == id);
        Assert.Equal(("Val Second", BaaStatus.InReview), (request.AssignedToName, request.Status));
    }

    private async Task ReviewAsync(Func<DataRetentionReviewService, Task<BaaResult>> act)
    {
        var result = await BaaTestData.AsAsync(portal, BaaTestData.Sales, act);
        Assert.True(result.Succeeded, result.Message);
    }

    private async Task<Guid> VersionAsync(Guid id)
    {
        await using var db = portal.CreateDbContext();
        return await db.DataRetentionRequests.Where(r => r.Id == id).Select(r => r.Version).SingleAsync();
    }

    private async Task<bool> OutboxHasAsync(string to, string subjectPart)
    {
        await using var db = portal.CreateDbContext();
        return await db.OutboxMessages.AnyAsync(m => m.To == to && m.Subject.Contains(subjectPart));
    }
}
