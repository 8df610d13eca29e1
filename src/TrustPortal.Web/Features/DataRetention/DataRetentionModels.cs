using TrustPortal.Web.Features.Baa;

namespace TrustPortal.Web.Features.DataRetention;

public sealed record DataRetentionSummary(Guid Id, int Reference, BaaStatus Status, RetentionKind Retention, int? RetentionDays,
    DateTime SubmittedAtUtc, DateTime UpdatedAtUtc, Guid? AgreementId);

/// <summary>What the customer sees of a request: never the checklist or who reviews it.</summary>
public sealed record DataRetentionCustomerView(Guid Id, int Reference, BaaStatus Status, Guid Version, DateTime SubmittedAtUtc, DataRetentionForm Form,
    string? RejectionReason, DateTime? DecidedAtUtc, IReadOnlyList<BaaConversationEntry> Conversation,
    string? SignerName, DateTime? SignedAtUtc, Guid? AgreementId);
