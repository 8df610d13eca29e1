using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Baa;

namespace TrustPortal.Web.Features.DataRetention;

/// <summary>How long the customer asks the vendor to keep API data: nothing at all, or fewer days than the standard.</summary>
public enum RetentionKind { Zero, Custom }

/// <summary>
/// A customer's request for zero or shortened data retention, its review by Sales and the signatures on the amendment
/// it becomes. It moves through the same states and transitions as a BAA request (<see cref="BaaWorkflow"/>).
/// </summary>
public class DataRetentionRequest
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>Short reference such as DR-R-0007, from its own counter.</summary>
    public int Reference { get; set; }
    public Guid OrganizationId { get; set; }
    public Organizations.Organization? Organization { get; set; }
    public BaaStatus Status { get; set; }
    /// <summary>Changes on every save, so two reviewers deciding at once cannot both win.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public string RequestedByUserId { get; set; } = "";
    public string RequestedByName { get; set; } = "";
    public string RequestedByEmail { get; set; } = "";
    public DateTime SubmittedAtUtc { get; set; }
    /// <summary>When Sales should have answered, fixed at submission with the same business-day target as BAAs.</summary>
    public DateTime ResponseDueAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }

    public PartyDetails Customer { get; set; } = new();
    public RetentionKind Retention { get; set; }
    /// <summary>The requested retention in days when <see cref="Retention"/> is Custom; null for zero retention.</summary>
    public int? RetentionDays { get; set; }
    public MonthlyVolume Volume { get; set; }
    /// <summary>The request as the customer described it, as JSON (<see cref="DataRetentionForm"/>).</summary>
    public string FormJson { get; set; } = "{}";

    public string? AssignedToUserId { get; set; }
    public string? AssignedToName { get; set; }
    public DateTime? FirstResponseAtUtc { get; set; }

    public bool CheckEndpointsEligible { get; set; }
    public bool CheckRetentionConfigured { get; set; }
    public bool CheckNoConflictingFeatures { get; set; }

    public string? DecisionReason { get; set; }
    public string? DecidedByName { get; set; }
    public DateTime? DecidedAtUtc { get; set; }

    public string? SignerName { get; set; }
    public string? SignerTitle { get; set; }
    public string? SignerEmail { get; set; }
    public string? SignerTypedName { get; set; }
    public string? SignerIpAddress { get; set; }
    public string? SignerUserAgent { get; set; }
    public DateTime? SignedAtUtc { get; set; }

    public string? CountersignedByName { get; set; }
    public string? CountersignedByTitle { get; set; }
    public DateTime? CountersignedAtUtc { get; set; }
    public Guid? AgreementId { get; set; }
}

/// <summary>A question from Sales or the customer's answer on a data-retention request.</summary>
public class DataRetentionMessage
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid RequestId { get; set; }
    public bool FromCustomer { get; set; }
    public string AuthorName { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
}
