using System.Security.Claims;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Portal;

/// <summary>Where "Sign in" lands: each role's own work area, so staff never meet the customer portal's access denial.</summary>
public static class WorkspaceEndpoint
{
    public const string Path = "/workspace";

    public static string HomeFor(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Customer) ? "/portal"
        : user.IsInRole(Roles.Sales) ? "/sales/requests"
        : user.IsInRole(Roles.Legal) ? "/legal/countersign"
        : user.IsInRole(Roles.Admin) ? "/legal/audit"
        : "/";

    public static void MapWorkspaceEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, (ClaimsPrincipal user) => Results.LocalRedirect(HomeFor(user)))
            .RequireAuthorization()
            .ExcludeFromDescription();
}
