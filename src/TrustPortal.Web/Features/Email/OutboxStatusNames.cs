using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Email;

/// <summary>What readers see for each outbox status.</summary>
public static class OutboxStatusNames
{
    public static string DisplayName(this OutboxStatus status) => status switch
    {
        OutboxStatus.Retrying => "Retrying",
        OutboxStatus.Undelivered => "Undelivered",
        _ => throw EnumNames.Unnamed(status),
    };
}
