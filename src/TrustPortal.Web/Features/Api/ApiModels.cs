using System.Text.Json;

namespace TrustPortal.Web.Features.Api;

// What the API answers with. Enum values are camelCase strings (ApiNames), times UTC ISO 8601 with "Z".

/// <summary>An executed (or since superseded or voided) agreement, without its PDF.</summary>
public sealed record ApiAgreement(Guid Id, string Number, string Kind, string Status, Guid OrganizationId, string OrganizationName,
    string CustomerLegalName, string SignerName, string SignerTitle, string SignerEmail, DateTime ExecutedAt, int TemplateVersion,
    string? StatusReason, DateTime? StatusChangedAt, string? Sha256, string PdfUrl);

public sealed record ApiOrganization(Guid Id, string Name, DateTime CreatedAt);

/// <summary>Where an organization stands on one framework, and what proves it.</summary>
public sealed record ApiAttestation(Guid Id, Guid OrganizationId, string Framework, string Status, string? EvidenceType, Guid? EvidenceId,
    string? EvidenceLabel, DateTime? EffectiveAt, DateTime? ExpiresAt, DateTime UpdatedAt);

/// <summary>A BAA request as its workflow stands; the reviewers' private notes are not part of it.</summary>
public sealed record ApiBaaRequest(Guid Id, int Reference, Guid OrganizationId, string Status, string CustomerLegalName, string Role,
    bool ZeroDataRetentionRequired, DateOnly GoLiveDate, DateTime SubmittedAt, DateTime ResponseDueAt, DateTime UpdatedAt,
    string? DecisionReason, DateTime? DecidedAt, DateTime? SignedAt, DateTime? CountersignedAt, Guid? AgreementId);

public sealed record ApiDataRetentionRequest(Guid Id, int Reference, Guid OrganizationId, string Status, string CustomerLegalName, string Retention,
    int? RetentionDays, DateTime SubmittedAt, DateTime ResponseDueAt, DateTime UpdatedAt, string? DecisionReason, DateTime? DecidedAt,
    DateTime? SignedAt, DateTime? CountersignedAt, Guid? AgreementId);

/// <summary>One signed change of an organization's model-training election; the newest revision is in force.</summary>
public sealed record ApiElection(Guid Id, Guid OrganizationId, int Revision, bool OptedIn, DateTime ElectedAt, DateTime EffectiveFrom,
    Guid AgreementId, string AgreementNumber, int CommitmentsVersion, string SignerName);

public sealed record ApiAuditEvent(long Sequence, DateTime OccurredAt, string? ActorId, string ActorName, string Action, string EntityType,
    string EntityId, JsonElement Data, string? IpAddress, string Hash);
