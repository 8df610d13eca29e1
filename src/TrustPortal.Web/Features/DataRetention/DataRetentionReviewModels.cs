using TrustPortal.Web.Features.Baa;

namespace TrustPortal.Web.Features.DataRetention;

/// <summary>The checks a reviewer confirms before approving a data-retention request.</summary>
public sealed record DataRetentionChecklist(bool EndpointsEligible, bool RetentionConfigured, bool NoConflictingFeatures)
{
    public bool Complete => EndpointsEligible && RetentionConfigured && NoConflictingFeatures;
}

/// <summary>Everything a reviewer needs on one page, including the checklist the customer never sees.</summary>
public sealed record DataRetentionReviewView(Guid Id, int Reference, BaaStatus Status, Guid Version, string OrganizationName, string RequestedBy,
    DateTime SubmittedAtUtc, DateTime DueAtUtc, bool Overdue, DataRetentionForm Form, string? AssignedToUserId, string? AssignedToName,
    DataRetentionChecklist Checklist, string? DecisionReason, string? DecidedByName, DateTime? DecidedAtUtc, IReadOnlyList<BaaConversationEntry> Conversation,
    IReadOnlyList<BaaNoteView> Notes);
