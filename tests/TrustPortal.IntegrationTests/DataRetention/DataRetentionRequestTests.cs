using System.Net;
using Microsoft.EntityFrameworkCore;
using TrustPortal.IntegrationTests.Baa;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Baa;
using TrustPortal.Web.Features.DataRetention;

namespace TrustPortal.IntegrationTests.DataRetention;

/// <summary>A customer describes a data-retention request: what is refused, what is stored, who hears of it, who may see it.</summary>
public sealed class DataRetentionRequestTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Submit_WithBadInput_IsRefusedWithMessagesAndStoresNothing()
    {
        var organization = BaaTestData.NewTag();
        var email = await BaaTestData.CreateCustomerAsync(portal, organization);
        var form = DataRetentionTestData.Form($"{organization} Ltd", customDays: DataRetentionRules.StandardRetentionDays);
        form.Endpoints = [];
        form.DataCategories = ["Everything we have"];
        form.Justification = "short";

        var result = await BaaTestData.AsAsync<DataRetentionCustomerService, BaaResult>(portal, email, s => s.SubmitAsync(form));

        Assert.False(result.Succeeded);
        var messages = result.Errors.ToDictionary(e => e.MemberNames.Single(), e => e.ErrorMessage);
        Assert.Equal("Choose at least one API endpoint.", messages[nameof(DataRetentionForm.Endpoints)]);
        Assert.Equal("Choose categories of data from the list.", messages[nameof(DataRetentionForm.DataCategories)]);
        Assert.Contains("from 1 to 29", messages[nameof(DataRetentionForm.RetentionDays)], StringComparison.Ordinal);
        Assert.Contains("20 to 2000 characters", messages[nameof(DataRetentionForm.Justification)], StringComparison.Ordinal);
        await using var db = portal.CreateDbContext();
        Assert.False(await db.DataRetentionRequests.AnyAsync(r => r.Organization!.Name == organization));
        Assert.False(await db.AuditEvents.AnyAsync(e => e.Action == "data-retention.submitted" && e.ActorName.Contains(organization)));
    }

    [Fact]
    public async Task Submit_CustomDays_IsStoredAuditedAndSalesIsEmailed()
    {
        var organization = BaaTestData.NewTag();

        var (id, _) = await DataRetentionTestData.SubmitNewAsync(portal, organization, customDays: 7);

        await using var db = portal.CreateDbContext();
        var request = await db.DataRetentionRequests.SingleAsync(r => r.Id == id);
        Assert.Equal(BaaStatus.Submitted, request.Status);
        Assert.Equal(RetentionKind.Custom, request.Retention);
        Assert.Equal(7, request.RetentionDays);
        Assert.True(request.ResponseDueAtUtc > request.SubmittedAtUtc);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "data-retention.submitted" && e.EntityId == id.ToString()));
        var reference = DataRetentionRules.Ref(request.Reference);
        Assert.True(await db.OutboxMessages.AnyAsync(m => m.To == BaaTestData.Sales && m.Subject.Contains(reference) && m.Subject.Contains("new data-retention request")));
        Assert.EndsWith(",Off,Requested: 7 days", await DataControls.DataControlsTestData.CsvLineAsync(portal, organization), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_WhileAnotherRequestIsOpen_IsRefused()
    {
        var (_, email) = await DataRetentionTestData.SubmitNewAsync(portal, BaaTestData.NewTag());

        var second = await BaaTestData.AsAsync<DataRetentionCustomerService, BaaResult>(portal, email, s => s.SubmitAsync(DataRetentionTestData.Form("Second Ltd")));

        Assert.Contains("already has an open data-retention request", second.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusPage_ShowsTheRequestToItsOrganization_AndIsNotFoundForAnother()
    {
        var (id, email) = await DataRetentionTestData.SubmitNewAsync(portal, BaaTestData.NewTag(), customDays: 3);
        var stranger = await BaaTestData.CreateCustomerAsync(portal, BaaTestData.NewTag());

        using (var own = new PortalClient(portal.BaseAddress))
        {
            await own.SignInAsync(email, PortalFactory.DemoPassword);
            using var page = await own.GetAsync($"/portal/data-retention/{id}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("3 days", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var list = await own.GetAsync("/portal/data-retention");
            Assert.Contains(id.ToString(), await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using var other = new PortalClient(portal.BaseAddress);
        await other.SignInAsync(stranger, PortalFactory.DemoPassword);
        using var refused = await other.GetAsync($"/portal/data-retention/{id}");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        var view = await BaaTestData.AsAsync<DataRetentionCustomerService, DataRetentionCustomerView?>(portal, stranger, s => s.GetAsync(id));
        Assert.Null(view);
    }
}
