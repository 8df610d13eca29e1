using TrustPortal.Web.Features.Baa;

namespace TrustPortal.Tests.Baa;

/// <summary>Every allowed move, and every refused one, of the BAA state machine.</summary>
public sealed class BaaWorkflowTests
{
    private static readonly (BaaStatus From, BaaAction Action, BaaStatus To)[] Allowed =
    [
        (BaaStatus.Submitted, BaaAction.Assign, BaaStatus.InReview),
        (BaaStatus.InReview, BaaAction.Assign, BaaStatus.InReview),
        (BaaStatus.InformationRequested, BaaAction.Assign, BaaStatus.InformationRequested),
        (BaaStatus.InReview, BaaAction.RequestInformation, BaaStatus.InformationRequested),
        (BaaStatus.InformationRequested, BaaAction.Answer, BaaStatus.InReview),
        (BaaStatus.InReview, BaaAction.Approve, BaaStatus.Approved),
        (BaaStatus.InReview, BaaAction.Reject, BaaStatus.Rejected),
        (BaaStatus.InformationRequested, BaaAction.Reject, BaaStatus.Rejected),
        (BaaStatus.Approved, BaaAction.CustomerSign, BaaStatus.AwaitingCountersignature),
        (BaaStatus.AwaitingCountersignature, BaaAction.Countersign, BaaStatus.Executed),
    ];

    public static TheoryData<BaaStatus, BaaAction, BaaStatus> AllowedMoves()
    {
        var data = new TheoryData<BaaStatus, BaaAction, BaaStatus>();
        foreach (var (from, action, to) in Allowed)
        {
            data.Add(from, action, to);
        }
        return data;
    }

    public static TheoryData<BaaStatus, BaaAction> RefusedMoves()
    {
        var data = new TheoryData<BaaStatus, BaaAction>();
        foreach (var from in Enum.GetValues<BaaStatus>())
        {
            foreach (var action in Enum.GetValues<BaaAction>().Where(a => !Allowed.Any(m => m.From == from && m.Action == a)))
            {
                data.Add(from, action);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public void Next_AllowedMove_GoesToItsStatus(BaaStatus from, BaaAction action, BaaStatus to) =>
        Assert.Equal(to, BaaWorkflow.Next(from, action));

    [Theory]
    [MemberData(nameof(RefusedMoves))]
    public void Next_AnyOtherMove_IsRefused(BaaStatus from, BaaAction action) =>
        Assert.Null(BaaWorkflow.Next(from, action));

    [Fact]
    public void Machine_AllowsExactlyTheListedMoves() =>
        Assert.Equal(Allowed.OrderBy(m => m.ToString()), BaaWorkflow.AllowedMoves.OrderBy(m => m.ToString()));

    [Theory]
    [InlineData(BaaStatus.AwaitingCountersignature, BaaAction.Countersign, true)]
    [InlineData(BaaStatus.Approved, BaaAction.Countersign, false)]
    [InlineData(BaaStatus.Rejected, BaaAction.Approve, false)]
    [InlineData(BaaStatus.Executed, BaaAction.Reject, false)]
    [InlineData(BaaStatus.Submitted, BaaAction.Approve, false)]
    public void Next_NamedCasesFromTheIssue(BaaStatus from, BaaAction action, bool allowed) =>
        Assert.Equal(allowed, BaaWorkflow.Next(from, action) is not null);
}
