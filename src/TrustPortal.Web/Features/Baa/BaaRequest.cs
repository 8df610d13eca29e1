using TrustPortal.Web.Features.Agreements;

namespace TrustPortal.Web.Features.Baa;

/// <summary>
/// Where a BAA request stands. Approved means approved and waiting for the customer's signature; the request moves
/// only along the transitions in <see cref="BaaWorkflow"/>.
/// </summary>
public enum BaaStatus { Submitted, InReview, InformationRequested, Approved, Rejected, AwaitingCountersignature, Executed }

public enum CoveredEntityRole { CoveredEntity, BusinessAssociate }

public enum MonthlyVolume { UpTo10k, UpTo100k, UpTo1m, Over1m }

/// <summary>A customer's HIPAA use case, its review by Sales, the signatures, and the executed BAA it becomes.</summary>
public class BaaRequest
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>Short reference customers and sales can say out loud, like BAA-R-0042.</summary>
    public int Reference { get; set; }
    public Guid OrganizationId { get; set; }
    public Organizations.Organization? Organization { get; set; }
    public BaaStatus Status { get; set; }
    /// <summary>Changes on every save; two reviewers deciding at once cannot both win.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public string RequestedByUserId { get; set; } = "";
    public string RequestedByName { get; set; } = "";
    public string RequestedByEmail { get; set; } = "";
    public DateTime SubmittedAtUtc { get; set; }
    /// <summary>
    /// When Sales should have answered: the response-time target in business days after submission, fixed when the
    /// request is submitted so the queue's chip and its "Overdue only" filter read the same moment.
    /// </summary>
    public DateTime ResponseDueAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }

    public PartyDetails Customer { get; set; } = new();
    public CoveredEntityRole Role { get; set; }
    /// <summary>The use case as the customer described it, as JSON (<see cref="BaaUseCase"/>).</summary>
    public string UseCaseJson { get; set; } = "{}";
    public bool ZeroDataRetentionRequired { get; set; }
    public DateOnly GoLiveDate { get; set; }
    public string ContactName { get; set; } = "";
    public string ContactEmail { get; set; } = "";

    public string? AssignedToUserId { get; set; }
    public string? AssignedToName { get; set; }
    public DateTime? FirstResponseAtUtc { get; set; }

    public bool CheckServicesEligible { get; set; }
    public bool CheckZeroRetentionConfigured { get; set; }
    public bool CheckNoExcludedFeatures { get; set; }

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

/// <summary>A question from Sales or the customer's answer: the only conversation the customer sees.</summary>
public class BaaMessage
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid RequestId { get; set; }
    public bool FromCustomer { get; set; }
    public string AuthorName { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>A reviewer's internal note. Never shown to the customer, by any route.</summary>
public class BaaNote
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid RequestId { get; set; }
    public string AuthorName { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
}
