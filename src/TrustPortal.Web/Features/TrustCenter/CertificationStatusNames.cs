using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.TrustCenter;

/// <summary>What readers see for each certification status.</summary>
public static class CertificationStatusNames
{
    public static string DisplayName(this CertificationStatus status) => status switch
    {
        CertificationStatus.Current => "Current",
        CertificationStatus.InProgress => "In progress",
        CertificationStatus.Expired => "Expired",
        _ => throw EnumNames.Unnamed(status),
    };
}
