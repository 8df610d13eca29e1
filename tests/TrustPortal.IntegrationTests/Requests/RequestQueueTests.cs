using System.Net;
using Microsoft.EntityFrameworkCore;
using TrustPortal.IntegrationTests.Baa;
using TrustPortal.IntegrationTests.DataRetention;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Baa;
using TrustPortal.Web.Features.DataRetention;
using TrustPortal.Web.Features.Requests;
using static TrustPortal.IntegrationTests.Baa.BaaTestData;

namespace TrustPortal.IntegrationTests.Requests;

/// <summary>
/// The Sales request queue over BAA and data-retention requests: one list, a type filter, an overdue filter that reads
/// each request's stored due time, paging in the database, and nothing for anyone but Sales. Time moves by the portal's clock.
/// </summary>
public sealed class RequestQueueTests(BaaClockPortal portal) : IClassFixture<BaaClockPortal>
{
    [Fact]
    public async Task Query_WithoutAType_ListsBothTypes_AndTheTypeFilterKeepsOnlyThatType()
    {
        var tag = NewTag();
        var (baa, _) = await SubmitNewAsync(portal, $"{tag} Clinic", change: FutureGoLive);
        var (retention, _) = await DataRetentionTestData.SubmitNewAsync(portal, $"{tag} Labs");

        var all = await QueryAsync(new RequestQueueQuery(Search: tag));
        var baas = await QueryAsync(new RequestQueueQuery(Type: RequestType.Baa, Search: tag));
        var retentions = await QueryAsync(new RequestQueueQuery(Type: RequestType.DataRetention, Search: tag));

        Assert.Equal(2, all.Total);
        Assert.Equal([(RequestType.Baa, baa), (RequestType.DataRetention, retention)], all.Rows.Select(r => (r.Type, r.Id)).Order());
        Assert.Equal([baa], baas.Rows.Select(r => r.Id));
        Assert.Equal([retention], retentions.Rows.Select(r => r.Id));
        var row = retentions.Rows.Single();
        Assert.Equal($"/sales/data-retention/{retention}", row.ReviewPath);
        Assert.StartsWith("DR-R-", row.ReferenceText, StringComparison.Ordinal);
        Assert.Equal($"/sales/baa/{baa}", baas.Rows.Single().ReviewPath);
    }

    [Fact]
    public async Task Query_SearchByDataRetentionReference_FindsExactlyThatRequest()
    {
        var tag = NewTag();
        var (retention, _) = await DataRetentionTestData.SubmitNewAsync(portal, $"{tag} Labs");
        await using var db = portal.CreateDbContext();
        var reference = await db.DataRetentionRequests.Where(r => r.Id == retention).Select(r => r.Reference).SingleAsync();

        var found = await QueryAsync(new RequestQueueQuery(Search: $" {DataRetentionRules.Ref(reference).ToLowerInvariant()} "));

        Assert.Equal(retention, Assert.Single(found.Rows, r => r.Type == RequestType.DataRetention).Id);
    }

    [Fact]
    public async Task Query_OverdueOnly_ComparesEachRequestsStoredDueTime_ForBothTypes()
    {
        var tag = NewTag();
        portal.Time.SetUtcNow(NextMonday(hour: 9));
        var (baa, _) = await SubmitNewAsync(portal, $"{tag} Clinic", change: FutureGoLive);
        var (retention, _) = await DataRetentionTestData.SubmitNewAsync(portal, $"{tag} Labs");
        // Submitted a day later, so its due time comes a day later too.
        portal.Time.Advance(TimeSpan.FromDays(1));
        var (later, _) = await DataRetentionTestData.SubmitNewAsync(portal, $"{tag} Late");

        // Monday 09:00 plus two business days is Wednesday 09:00; at Wednesday 10:00 only the first two are past it.
        portal.Time.SetUtcNow(portal.Time.GetUtcNow().AddDays(1).AddHours(1));
        var overdue = await QueryAsync(new RequestQueueQuery(Search: tag, OverdueOnly: true));
        var everything = await QueryAsync(new RequestQueueQuery(Search: tag));
        var overdueRetention = await QueryAsync(new RequestQueueQuery(Type: RequestType.DataRetention, Search: tag, OverdueOnly: true));

        Assert.Equal(new[] { baa, retention }.Order(), overdue.Rows.Select(r => r.Id).Order());
        Assert.Equal(2, overdue.Total);
        Assert.Equal([retention], overdueRetention.Rows.Select(r => r.Id));
        Assert.All(everything.Rows, r => Assert.Equal(r.Id != later, r.Overdue));

        // A question hands the request to the customer, so it is no longer overdue by the filter or the chip.
        var version = await RetentionVersionAsync(retention);
        var asked = await AsAsync<DataRetentionReviewService, BaaResult>(portal, Sales, async s =>
        {
            var assigned = await s.AssignToMeAsync(retention, version);
            Assert.True(assigned.Succeeded, assigned.Message);
            return await s.RequestInformationAsync(retention, await RetentionVersionAsync(retention), "Which endpoints exactly?");
        });
        Assert.True(asked.Succeeded, asked.Message);
        var after = await QueryAsync(new RequestQueueQuery(Search: tag, OverdueOnly: true));
        Assert.Equal([baa], after.Rows.Select(r => r.Id));
        Assert.NotNull((await QueryAsync(new RequestQueueQuery(Search: tag))).Rows.Single(r => r.Id == retention).ResponseBusinessDays);
    }

    [Fact]
    public async Task Query_PageSizeTwo_PagesAcrossBothTypesWithTheFullTotal()
    {
        var tag = NewTag();
        var ids = new List<Guid>
        {
            (await SubmitNewAsync(portal, $"{tag} A", change: FutureGoLive)).Id,
            (await DataRetentionTestData.SubmitNewAsync(portal, $"{tag} B")).Id,
            (await SubmitNewAsync(portal, $"{tag} C", change: FutureGoLive)).Id,
        };

        var first = await QueryAsync(new RequestQueueQuery(Search: tag, SortBy: "organization", Page: 0, PageSize: 2));
        var second = await QueryAsync(new RequestQueueQuery(Search: tag, SortBy: "organization", Page: 1, PageSize: 2));

        Assert.Equal(3, first.Total);
        Assert.Equal(3, second.Total);
        Assert.Equal(ids, first.Rows.Concat(second.Rows).Select(r => r.Id));
        Assert.Equal([RequestType.Baa, RequestType.DataRetention], first.Rows.Select(r => r.Type));
    }

    [Fact]
    public async Task QueueAndCountersignList_ForACustomer_ShowNothing_AndThePagesAreDenied()
    {
        var tag = NewTag();
        var (_, customer) = await DataRetentionTestData.SubmitNewAsync(portal, $"{tag} Labs");
        await SubmitNewAsync(portal, $"{tag} Other", change: FutureGoLive);

        var queue = await AsAsync<RequestQueueService, RequestQueueResult>(portal, customer, s => s.QueryAsync(new RequestQueueQuery()));
        var awaiting = await AsAsync<CountersignListService, List<AwaitingCountersignature>>(portal, customer, s => s.ListAwaitingAsync());
        var salesAwaiting = await AsAsync<CountersignListService, List<AwaitingCountersignature>>(portal, Sales, s => s.ListAwaitingAsync());

        Assert.Empty(queue.Rows);
        Assert.Equal(0, queue.Total);
        Assert.Empty(awaiting);
        Assert.Empty(salesAwaiting);
        using var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync(customer, PortalFactory.DemoPassword);
        foreach (var url in new[] { "/sales/requests", "/sales/requests?type=data-retention", "/legal/countersign" })
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/sales/baa", "/sales/requests?type=baa")]
    [InlineData("/sales/data-retention", "/sales/requests?type=data-retention")]
    public async Task OldQueueRoutes_ForSales_RedirectToTheRequestQueueWithTheirType(string old, string target)
    {
        using var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync(Sales, PortalFactory.DemoPassword);

        using var response = await client.GetAsync(old);
        using var queue = await client.GetAsync(target);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(target, response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
    }

    private void FutureGoLive(BaaUseCase useCase) => useCase.GoLive = portal.Time.GetUtcNow().UtcDateTime.AddDays(60);

    private async Task<Guid> RetentionVersionAsync(Guid id)
    {
        await using var db = portal.CreateDbContext();
        return await db.DataRetentionRequests.Where(r => r.Id == id).Select(r => r.Version).SingleAsync();
    }

    /// <summary>The next Monday at <paramref name="hour"/>:00 UTC after the portal's now, so tests in any order only move forward.</summary>
    private DateTimeOffset NextMonday(int hour)
    {
        var date = portal.Time.GetUtcNow().UtcDateTime.Date.AddDays(1);
        while (date.DayOfWeek != DayOfWeek.Monday)
        {
            date = date.AddDays(1);
        }
        return new DateTimeOffset(date.AddHours(hour), TimeSpan.Zero);
    }

    private Task<RequestQueueResult> QueryAsync(RequestQueueQuery query) =>
        AsAsync<RequestQueueService, RequestQueueResult>(portal, Sales, s => s.QueryAsync(query));
}
