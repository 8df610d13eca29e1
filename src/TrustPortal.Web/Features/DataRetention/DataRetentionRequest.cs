using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Baa;

namespace TrustPortal.Web.Features.DataRetention;

/// <summary>How long the customer asks the vendor to keep API data: nothing at all, or fewer days than the standard.</summary>
public enum RetentionKind { Zero, Custom }

/// <summary>
/// A customer's request for zero or shortened data retention, its review by Sales and the signatures on the amendment
/// it becomes. It moves through the same states and transitions as a BAA request (<see cref="BaaWorkflow"/>).
/// </summary>
public class DataRetentionRequest : ReviewedRequest
{
    public RetentionKind Retention { get; set; }
    /// <summary>The requested retention in days when <see cref="Retention"/> is Custom; null for zero retention.</summary>
    public int? RetentionDays { get; set; }
    public MonthlyVolume Volume { get; set; }
    /// <summary>The request as the customer described it, as JSON (<see cref="DataRetentionForm"/>).</summary>
    public string FormJson { get; set; } = "{}";

    public bool CheckEndpointsEligible { get; set; }
    public bool CheckRetentionConfigured { get; set; }
    public bool CheckNoConflictingFeatures { get; set; }
}

/// <summary>A question from Sales or the customer's answer on a data-retention request.</summary>
public class DataRetentionMessage : RequestMessage;

/// <summary>A reviewer's internal note on a data-retention request. Never shown to the customer, by any route.</summary>
public class DataRetentionNote : RequestNote;
