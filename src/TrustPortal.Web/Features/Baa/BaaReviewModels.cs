using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Attestations;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Baa;

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
