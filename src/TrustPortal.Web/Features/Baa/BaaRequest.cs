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
public class BaaRequest : ReviewedRequest
{
    public CoveredEntityRole Role { get; set; }
    /// <summary>The use case as the customer described it, as JSON (<see cref="BaaUseCase"/>).</summary>
    public string UseCaseJson { get; set; } = "{}";
    public bool ZeroDataRetentionRequired { get; set; }
    public DateOnly GoLiveDate { get; set; }
    public string ContactName { get; set; } = "";
    public string ContactEmail { get; set; } = "";

    public bool CheckServicesEligible { get; set; }
    public bool CheckZeroRetentionConfigured { get; set; }
    public bool CheckNoExcludedFeatures { get; set; }
}

public class BaaMessage : RequestMessage;

public class BaaNote : RequestNote;
