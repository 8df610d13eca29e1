using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Baa;

/// <summary>What readers see for the values of a BAA request.</summary>
public static class BaaDisplayNames
{
    public static string DisplayName(this BaaStatus status) => status switch
    {
        BaaStatus.Submitted => "Submitted",
        BaaStatus.InReview => "In review",
        BaaStatus.InformationRequested => "Information requested",
        BaaStatus.Approved => "Approved: awaiting customer signature",
        BaaStatus.Rejected => "Rejected",
        BaaStatus.AwaitingCountersignature => "Awaiting countersignature",
        BaaStatus.Executed => "Executed",
        _ => throw EnumNames.Unnamed(status),
    };

    public static string DisplayName(this CoveredEntityRole role) => role switch
    {
        CoveredEntityRole.CoveredEntity => "Covered entity (e.g. a provider, health plan or clearinghouse)",
        CoveredEntityRole.BusinessAssociate => "Business associate of a covered entity",
        _ => throw EnumNames.Unnamed(role),
    };

    public static string DisplayName(this MonthlyVolume volume) => volume switch
    {
        MonthlyVolume.UpTo10k => "Up to 10,000 requests a month",
        MonthlyVolume.UpTo100k => "Up to 100,000 requests a month",
        MonthlyVolume.UpTo1m => "Up to 1,000,000 requests a month",
        MonthlyVolume.Over1m => "More than 1,000,000 requests a month",
        _ => throw EnumNames.Unnamed(volume),
    };
}
