using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Agreements;

/// <summary>What readers see for an agreement's status.</summary>
public static class AgreementDisplayNames
{
    public static string DisplayName(this AgreementStatus status) => status switch
    {
        AgreementStatus.Executed => "Executed",
        AgreementStatus.Superseded => "Superseded",
        AgreementStatus.Voided => "Voided",
        _ => throw EnumNames.Unnamed(status),
    };
}
