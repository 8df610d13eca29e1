using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Attestations;
using TrustPortal.Web.Features.Baa;
using TrustPortal.Web.Features.Dpa;
using TrustPortal.Web.Features.Email;
using TrustPortal.Web.Features.TrustCenter;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Infrastructure;

/// <summary>
/// The one name a reader sees for each value of a user-visible enum: pages, emails, CSV and PDFs all read it from here,
/// so "Hipaa" or "InProgress" never reaches a reader. A new value without a name throws, and a unit test walks every value.
/// </summary>
public static class DisplayNames
{
    /// <summary>The enums whose values people read; the unit test walks each of these.</summary>
    public static readonly IReadOnlyList<Type> UserVisibleEnums =
    [
        typeof(ComplianceFramework), typeof(CertificationStatus), typeof(AttestationStatus), typeof(BaaStatus),
        typeof(CoveredEntityRole), typeof(MonthlyVolume), typeof(AgreementStatus), typeof(AgreementKind),
        typeof(TransferMechanism), typeof(OutboxStatus),
    ];

    /// <summary>The display name of any value of <see cref="UserVisibleEnums"/>.</summary>
    public static string Of(Enum value) => value switch
    {
        ComplianceFramework v => v.DisplayName(),
        CertificationStatus v => v.DisplayName(),
        AttestationStatus v => v.DisplayName(),
        BaaStatus v => v.DisplayName(),
        CoveredEntityRole v => v.DisplayName(),
        MonthlyVolume v => v.DisplayName(),
        AgreementStatus v => v.DisplayName(),
        AgreementKind v => v.DisplayName(),
        TransferMechanism v => v.DisplayName(),
        OutboxStatus v => v.DisplayName(),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Not a user-visible enum."),
    };

    public static string DisplayName(this CertificationStatus status) => status switch
    {
        CertificationStatus.Current => "Current",
        CertificationStatus.InProgress => "In progress",
        CertificationStatus.Expired => "Expired",
        _ => throw Unnamed(status),
    };

    public static string DisplayName(this AttestationStatus status) => status switch
    {
        AttestationStatus.NotStarted => "Not started",
        AttestationStatus.Requested => "Requested",
        AttestationStatus.InProgress => "In progress",
        AttestationStatus.Current => "Current",
        AttestationStatus.Expiring => "Expiring",
        AttestationStatus.Expired => "Expired",
        AttestationStatus.Superseded => "Superseded",
        _ => throw Unnamed(status),
    };

    public static string DisplayName(this BaaStatus status) => status switch
    {
        BaaStatus.Submitted => "Submitted",
        BaaStatus.InReview => "In review",
        BaaStatus.InformationRequested => "Information requested",
        BaaStatus.Approved => "Approved: awaiting customer signature",
        BaaStatus.Rejected => "Rejected",
        BaaStatus.AwaitingCountersignature => "Awaiting countersignature",
        BaaStatus.Executed => "Executed",
        _ => throw Unnamed(status),
    };

    public static string DisplayName(this CoveredEntityRole role) => role switch
    {
        CoveredEntityRole.CoveredEntity => "Covered entity (e.g. a provider, health plan or clearinghouse)",
        CoveredEntityRole.BusinessAssociate => "Business associate of a covered entity",
        _ => throw Unnamed(role),
    };

    public static string DisplayName(this MonthlyVolume volume) => volume switch
    {
        MonthlyVolume.UpTo10k => "Up to 10,000 requests a month",
        MonthlyVolume.UpTo100k => "Up to 100,000 requests a month",
        MonthlyVolume.UpTo1m => "Up to 1,000,000 requests a month",
        MonthlyVolume.Over1m => "More than 1,000,000 requests a month",
        _ => throw Unnamed(volume),
    };

    public static string DisplayName(this AgreementStatus status) => status switch
    {
        AgreementStatus.Executed => "Executed",
        AgreementStatus.Superseded => "Superseded",
        AgreementStatus.Voided => "Voided",
        _ => throw Unnamed(status),
    };

    /// <summary>The short name (DPA, BAA) used in lists; <see cref="LongName"/> spells it out.</summary>
    public static string DisplayName(this AgreementKind kind) => kind switch
    {
        AgreementKind.Dpa => "DPA",
        AgreementKind.Baa => "BAA",
        _ => throw Unnamed(kind),
    };

    public static string LongName(this AgreementKind kind) => kind switch
    {
        AgreementKind.Dpa => "Data Processing Addendum",
        AgreementKind.Baa => "Business Associate Agreement",
        _ => throw Unnamed(kind),
    };

    public static string DisplayName(this TransferMechanism mechanism) => mechanism switch
    {
        TransferMechanism.SccModuleTwo => "EU Standard Contractual Clauses, Module Two (controller to processor)",
        TransferMechanism.SccModuleThree => "EU Standard Contractual Clauses, Module Three (processor to processor)",
        TransferMechanism.Adequacy => "An adequacy decision covers the transfer",
        TransferMechanism.NotApplicable => "No restricted transfer takes place",
        _ => throw Unnamed(mechanism),
    };

    public static string DisplayName(this OutboxStatus status) => status switch
    {
        OutboxStatus.Retrying => "Retrying",
        OutboxStatus.Undelivered => "Undelivered",
        _ => throw Unnamed(status),
    };

    private static ArgumentOutOfRangeException Unnamed(Enum value) =>
        new(nameof(value), value, $"{value.GetType().Name}.{value} has no display name.");
}
