using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Attestations;

/// <summary>What readers see for each attestation status.</summary>
public static class AttestationStatusNames
{
    public static string DisplayName(this AttestationStatus status) => status switch
    {
        AttestationStatus.NotStarted => "Not started",
        AttestationStatus.Requested => "Requested",
        AttestationStatus.InProgress => "In progress",
        AttestationStatus.Current => "Current",
        AttestationStatus.Expiring => "Expiring",
        AttestationStatus.Expired => "Expired",
        AttestationStatus.Superseded => "Superseded",
        _ => throw EnumNames.Unnamed(status),
    };
}
