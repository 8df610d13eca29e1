using TrustPortal.Web.Features.Agreements;

namespace TrustPortal.Web.Features.Baa;

/// <summary>
/// What every reviewed request shares, whatever it asks for (a BAA, a data-retention amendment): the customer who asked,
/// the response-time target, Sales' assignment and decision, the customer's signature and Legal's countersignature.
/// Not an entity itself: each type keeps its own table, and <see cref="RequestReviewWorkflow{TRequest, TMessage}"/> moves it
/// through <see cref="BaaWorkflow"/>.
/// </summary>
public abstract class ReviewedRequest
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>Short reference customers and Sales can say out loud, like BAA-R-0042, from the type's own counter.</summary>
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

    public string? AssignedToUserId { get; set; }
    public string? AssignedToName { get; set; }
    public DateTime? FirstResponseAtUtc { get; set; }

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

    /// <summary>Moves the request and gives it a new version, so a decision based on the old one is refused.</summary>
    public void Move(BaaStatus to, DateTime nowUtc)
    {
        Status = to;
        UpdatedAtUtc = nowUtc;
        Version = Guid.NewGuid();
    }
}

/// <summary>A question from Sales or the customer's answer: the only conversation the customer sees.</summary>
public abstract class RequestMessage
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid RequestId { get; set; }
    public bool FromCustomer { get; set; }
    public string AuthorName { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>A reviewer's internal note. Never shown to the customer, by any route.</summary>
public abstract class RequestNote
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid RequestId { get; set; }
    public string AuthorName { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
}
