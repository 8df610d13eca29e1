using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Agreements;

/// <summary>What readers see for an agreement's kind and status.</summary>
public static class AgreementDisplayNames
{
    public static string DisplayName(this AgreementStatus status) => status switch
    {
        AgreementStatus.Executed => "Executed",
        AgreementStatus.Superseded => "Superseded",
        AgreementStatus.Voided => "Voided",
        _ => throw EnumNames.Unnamed(status),
    };

    /// <summary>The short name (DPA, BAA) used in lists; <see cref="LongName"/> spells it out.</summary>
    public static string DisplayName(this AgreementKind kind) => kind switch
    {
        AgreementKind.Dpa => "DPA",
        AgreementKind.Baa => "BAA",
        _ => throw EnumNames.Unnamed(kind),
    };

    public static string LongName(this AgreementKind kind) => kind switch
    {
        AgreementKind.Dpa => "Data Processing Addendum",
        AgreementKind.Baa => "Business Associate Agreement",
        _ => throw EnumNames.Unnamed(kind),
    };
}
