using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Webhooks;

/// <summary>The services check the role themselves, not only the pages' [Authorize].</summary>
internal static class WebhookAccess
{
    public static async Task DemandAdminAsync(CurrentUser currentUser)
    {
        if (!await currentUser.IsInRoleAsync(Roles.Admin))
        {
            throw new UnauthorizedAccessException(WebhookAdmin.NotAdmin);
        }
    }
}
