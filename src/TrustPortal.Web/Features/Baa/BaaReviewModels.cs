using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Attestations;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Baa;

/// <summary>A page of the Sales queue: filters, search, sort and paging all run in the database.</summary>
public sealed record BaaQueueQuery(
    BaaStatus? Status = null,
    string? Assignee = null,
    string? Search = null,
    bool OverdueOnly = false,
    string SortBy = "age",
    bool Descending = false,
    int Page = 0,
    int PageSize = 25)
{
    public const string Me = "me";
    public const string Unassigned = "unassigned";
}

public sealed record BaaQueueRow(Guid Id, int Reference, string OrganizationName, string LegalName, BaaStatus Status, string? AssignedToUserId,
    string? AssignedToName, DateTime SubmittedAtUtc, DateTime DueAtUtc, bool Overdue, int AgeBusinessDays);

public sealed record BaaQueuePage(IReadOnlyList<BaaQueueRow> Rows, int Total);

public sealed record BaaChecklist(bool ServicesEligible, bool ZeroRetentionConfigured, bool NoExcludedFeatures);

public sealed record BaaNoteView(string AuthorName, string Text, DateTime CreatedAtUtc);

public sealed record RelatedAgreement(Guid Id, string Number, AgreementKind Kind, AgreementStatus Status, DateTime ExecutedAtUtc);

public sealed record RelatedAttestation(ComplianceFramework Framework, AttestationStatus Status, string? Evidence);

/// <summary>Everything a reviewer needs on one page, including what the customer never sees.</summary>
public sealed record BaaReviewView(
    Guid Id, int Reference, BaaStatus Status, Guid Version, string OrganizationName, string RequestedBy, DateTime SubmittedAtUtc, DateTime DueAtUtc, bool Overdue,
    BaaUseCase UseCase, string? AssignedToUserId, string? AssignedToName, BaaChecklist Checklist, string? DecisionReason, string? DecidedByName, DateTime? DecidedAtUtc,
    IReadOnlyList<BaaConversationEntry> Conversation, IReadOnlyList<BaaNoteView> Notes,
    IReadOnlyList<RelatedAgreement> Agreements, IReadOnlyList<RelatedAttestation> Attestations);
