namespace TrustPortal.Web.Features.Baa;

public enum BaaAction { Assign, RequestInformation, Answer, Approve, Reject, CustomerSign, Countersign }

/// <summary>The BAA state machine: every allowed move, and nothing else.</summary>
public static class BaaWorkflow
{
    private static readonly Dictionary<(BaaStatus From, BaaAction Action), BaaStatus> Moves = new()
    {
        [(BaaStatus.Submitted, BaaAction.Assign)] = BaaStatus.InReview,
        [(BaaStatus.InReview, BaaAction.Assign)] = BaaStatus.InReview,
        [(BaaStatus.InformationRequested, BaaAction.Assign)] = BaaStatus.InformationRequested,
        [(BaaStatus.InReview, BaaAction.RequestInformation)] = BaaStatus.InformationRequested,
        [(BaaStatus.InformationRequested, BaaAction.Answer)] = BaaStatus.InReview,
        [(BaaStatus.InReview, BaaAction.Approve)] = BaaStatus.Approved,
        [(BaaStatus.InReview, BaaAction.Reject)] = BaaStatus.Rejected,
        [(BaaStatus.InformationRequested, BaaAction.Reject)] = BaaStatus.Rejected,
        [(BaaStatus.Approved, BaaAction.CustomerSign)] = BaaStatus.AwaitingCountersignature,
        [(BaaStatus.AwaitingCountersignature, BaaAction.Countersign)] = BaaStatus.Executed,
    };

    /// <summary>The status after <paramref name="action"/>, or null when the action is not allowed from <paramref name="from"/>.</summary>
    public static BaaStatus? Next(BaaStatus from, BaaAction action) => Moves.TryGetValue((from, action), out var to) ? to : null;

    public static IEnumerable<(BaaStatus From, BaaAction Action, BaaStatus To)> AllowedMoves =>
        Moves.Select(m => (m.Key.From, m.Key.Action, m.Value));

    /// <summary>Requests that still need something from someone; at most one per organization.</summary>
    public static bool IsOpen(BaaStatus status) => status is not (BaaStatus.Rejected or BaaStatus.Executed);

    /// <summary>Waiting on Sales, so the response-time target applies.</summary>
    public static bool AwaitsSales(BaaStatus status) => status is BaaStatus.Submitted or BaaStatus.InReview;
}
