using TrustPortal.Web.Features.Baa;

namespace TrustPortal.Tests.Baa;

/// <summary>
/// The BAA state machine by the rules people rely on (the flow in the design, who may act when), not by a copy of its
/// table: a wrong entry in the machine breaks one of these stories.
/// </summary>
public sealed class BaaWorkflowTests
{
    [Fact]
    public void HappyPath_FromSubmissionToExecution_PassesThroughEveryDocumentedStatus()
    {
        var status = BaaStatus.Submitted;
        var seen = new List<BaaStatus> { status };
        foreach (var action in new[] { BaaAction.Assign, BaaAction.RequestInformation, BaaAction.Answer, BaaAction.Approve, BaaAction.CustomerSign, BaaAction.Countersign })
        {
            status = BaaWorkflow.Next(status, action) ?? throw new Xunit.Sdk.XunitException($"{action} was refused from {status}.");
            seen.Add(status);
        }

        Assert.Equal(
            [BaaStatus.Submitted, BaaStatus.InReview, BaaStatus.InformationRequested, BaaStatus.InReview, BaaStatus.Approved,
                BaaStatus.AwaitingCountersignature, BaaStatus.Executed],
            seen);
    }

    [Theory]
    [InlineData(BaaStatus.Rejected)]
    [InlineData(BaaStatus.Executed)]
    public void Next_FromAClosedRequest_RefusesEveryAction(BaaStatus closed) =>
        Assert.All(Enum.GetValues<BaaAction>(), action => Assert.Null(BaaWorkflow.Next(closed, action)));

    [Fact]
    public void Approve_OnlyFromInReview_SoNobodyApprovesWhatNobodyReviewed() =>
        Assert.Equal([BaaStatus.InReview], StatusesAllowing(BaaAction.Approve));

    [Fact]
    public void Reject_WhileReviewingOrWaitingForAnAnswer_AndNeverAfterApproval() =>
        Assert.Equal([BaaStatus.InReview, BaaStatus.InformationRequested], StatusesAllowing(BaaAction.Reject));

    [Fact]
    public void CustomerSign_OnlyOnceApproved_AndCountersign_OnlyAfterTheCustomerSigned()
    {
        Assert.Equal([BaaStatus.Approved], StatusesAllowing(BaaAction.CustomerSign));
        Assert.Equal([BaaStatus.AwaitingCountersignature], StatusesAllowing(BaaAction.Countersign));
        Assert.Equal(BaaStatus.Executed, BaaWorkflow.Next(BaaStatus.AwaitingCountersignature, BaaAction.Countersign));
    }

    [Fact]
    public void Answer_OnlyWhenAQuestionIsOpen_AndSendsTheRequestBackToReview()
    {
        Assert.Equal([BaaStatus.InformationRequested], StatusesAllowing(BaaAction.Answer));
        Assert.Equal(BaaStatus.InReview, BaaWorkflow.Next(BaaStatus.InformationRequested, BaaAction.Answer));
    }

    [Fact]
    public void Assign_NeverChangesADecision_AndStartsTheReviewOfANewRequest()
    {
        Assert.Equal(BaaStatus.InReview, BaaWorkflow.Next(BaaStatus.Submitted, BaaAction.Assign));
        foreach (var from in StatusesAllowing(BaaAction.Assign).Where(s => s != BaaStatus.Submitted))
        {
            Assert.Equal(from, BaaWorkflow.Next(from, BaaAction.Assign));
        }
        Assert.DoesNotContain(BaaStatus.Approved, StatusesAllowing(BaaAction.Assign));
        Assert.DoesNotContain(BaaStatus.AwaitingCountersignature, StatusesAllowing(BaaAction.Assign));
    }

    [Fact]
    public void EveryOpenStatus_CanStillEndExecutedOrRejected()
    {
        foreach (var open in Enum.GetValues<BaaStatus>().Where(BaaWorkflow.IsOpen))
        {
            var reachable = Reachable(open);
            Assert.True(reachable.Contains(BaaStatus.Executed) || reachable.Contains(BaaStatus.Rejected), $"{open} is a dead end.");
        }
    }

    [Fact]
    public void ResponseTarget_AppliesOnlyWhileTheRequestWaitsOnSales()
    {
        Assert.Equal([BaaStatus.Submitted, BaaStatus.InReview], Enum.GetValues<BaaStatus>().Where(BaaWorkflow.AwaitsSales));
        Assert.False(BaaRules.IsOverdue(BaaStatus.InformationRequested, DateTime.UnixEpoch, DateTime.UnixEpoch.AddDays(30)));
        Assert.True(BaaRules.IsOverdue(BaaStatus.InReview, DateTime.UnixEpoch, DateTime.UnixEpoch.AddSeconds(1)));
        Assert.False(BaaRules.IsOverdue(BaaStatus.InReview, DateTime.UnixEpoch, DateTime.UnixEpoch));
    }

    private static List<BaaStatus> StatusesAllowing(BaaAction action) =>
        Enum.GetValues<BaaStatus>().Where(s => BaaWorkflow.Next(s, action) is not null).ToList();

    private static HashSet<BaaStatus> Reachable(BaaStatus from)
    {
        var seen = new HashSet<BaaStatus> { from };
        var queue = new Queue<BaaStatus>([from]);
        while (queue.TryDequeue(out var status))
        {
            foreach (var action in Enum.GetValues<BaaAction>())
            {
                if (BaaWorkflow.Next(status, action) is { } next && seen.Add(next))
                {
                    queue.Enqueue(next);
                }
            }
        }
        return seen;
    }
}
