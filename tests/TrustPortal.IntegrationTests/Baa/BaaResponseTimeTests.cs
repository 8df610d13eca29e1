using Microsoft.Extensions.Time.Testing;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Baa;
using TrustPortal.Web.Features.Requests;
using static TrustPortal.IntegrationTests.Baa.BaaTestData;

namespace TrustPortal.IntegrationTests.Baa;

/// <summary>A portal whose clock the test moves.</summary>
public sealed class BaaClockPortal : PortalFactory
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected override TimeProvider? Clock => Time;
}

/// <summary>
/// Age, due time and overdue in the Sales queue, with time moved by the portal's clock (the default target is 2
/// business days). The queue's chip and its "Overdue only" filter must give the same answer at every moment.
/// </summary>
public sealed class BaaResponseTimeTests(BaaClockPortal portal) : IClassFixture<BaaClockPortal>
{
    [Fact]
    public async Task Overdue_RequestSubmittedOnASaturday_ChipAndFilterAgreeBeforeAndAfterItsDueTime()
    {
        var tag = NewTag();
        var saturday = NextAt(DayOfWeek.Saturday, hour: 10);
        portal.Time.SetUtcNow(saturday);
        var id = await SubmitAsync($"Weekend {tag}");

        // Saturday 10:00 plus two business days is Tuesday 10:00.
        var due = saturday.AddDays(3).UtcDateTime;
        var atSubmission = await QueueRowAsync(tag, id);
        Assert.Equal(due, atSubmission.DueAtUtc);

        // Tuesday 09:00: not yet due, by both.
        portal.Time.SetUtcNow(saturday.AddDays(3).AddHours(-1));
        await AssertChipAndFilterAgreeAsync(tag, id, overdue: false);

        // Tuesday 11:00: past due, by both (the filter used to say "not overdue" here, counting back from now).
        portal.Time.SetUtcNow(saturday.AddDays(3).AddHours(1));
        await AssertChipAndFilterAgreeAsync(tag, id, overdue: true);
        var view = await AsAsync<BaaReviewService, BaaReviewView?>(portal, Sales, s => s.GetAsync(id));
        Assert.True(view!.Overdue);
        Assert.Equal(due, view.DueAtUtc);
    }

    [Fact]
    public async Task Overdue_AfterTheRequestIsAnsweredWithAQuestion_IsNoLongerOverdueAnywhere()
    {
        var tag = NewTag();
        var monday = NextAt(DayOfWeek.Monday, hour: 9);
        portal.Time.SetUtcNow(monday);
        var id = await SubmitAsync($"Answered {tag}");
        await ReviewAsync(portal, s => s.AssignToMeAsync([id]));
        portal.Time.SetUtcNow(monday.AddDays(3));
        await AssertChipAndFilterAgreeAsync(tag, id, overdue: true);

        await ReviewAsync(portal, async s => await s.RequestInformationAsync(id, await VersionAsync(portal, id), "Which EHR sends the notes?"));

        await AssertChipAndFilterAgreeAsync(tag, id, overdue: false);
    }

    [Fact]
    public async Task QueryQueue_SortedByAge_ListsTheOldestFirstAndDescendingTheNewestFirst()
    {
        var tag = NewTag();
        var (oldest, middle, newest) = (await SubmitAsync($"Age {tag} A"), Guid.Empty, Guid.Empty);
        portal.Time.Advance(TimeSpan.FromDays(7));
        middle = await SubmitAsync($"Age {tag} B");
        portal.Time.Advance(TimeSpan.FromDays(7));
        newest = await SubmitAsync($"Age {tag} C");

        // "age" orders by submission time: ascending puts the request that has waited longest on top.
        var ascending = await QueryAsync(new RequestQueueQuery(Search: tag, SortBy: "age", Descending: false));
        var descending = await QueryAsync(new RequestQueueQuery(Search: tag, SortBy: "age", Descending: true));

        Assert.Equal([oldest, middle, newest], ascending.Rows.Select(r => r.Id));
        Assert.Equal([10, 5, 0], ascending.Rows.Select(r => r.AgeBusinessDays));
        Assert.Equal([newest, middle, oldest], descending.Rows.Select(r => r.Id));
    }

    private async Task AssertChipAndFilterAgreeAsync(string tag, Guid id, bool overdue)
    {
        var row = await QueueRowAsync(tag, id);
        var filtered = await QueryAsync(new RequestQueueQuery(Search: tag, OverdueOnly: true));
        Assert.Equal(overdue, row.Overdue);
        Assert.Equal(overdue, filtered.Rows.Any(r => r.Id == id));
        Assert.Equal(filtered.Total, filtered.Rows.Count);
    }

    private async Task<RequestQueueRow> QueueRowAsync(string tag, Guid id) =>
        (await QueryAsync(new RequestQueueQuery(Search: tag))).Rows.Single(r => r.Id == id);

    private async Task<Guid> SubmitAsync(string organizationName)
    {
        var goLive = portal.Time.GetUtcNow().UtcDateTime.AddDays(60);
        var (id, _) = await SubmitNewAsync(portal, organizationName, change: useCase => useCase.GoLive = goLive);
        return id;
    }

    /// <summary>The next <paramref name="day"/> at <paramref name="hour"/>:00 UTC after the portal's now, so tests in any order only move forward.</summary>
    private DateTimeOffset NextAt(DayOfWeek day, int hour)
    {
        var now = portal.Time.GetUtcNow();
        var date = now.UtcDateTime.Date.AddDays(1);
        while (date.DayOfWeek != day)
        {
            date = date.AddDays(1);
        }
        return new DateTimeOffset(date.AddHours(hour), TimeSpan.Zero);
    }

    private Task<RequestQueueResult> QueryAsync(RequestQueueQuery query) =>
        AsAsync<RequestQueueService, RequestQueueResult>(portal, Sales, s => s.QueryAsync(query));
}
