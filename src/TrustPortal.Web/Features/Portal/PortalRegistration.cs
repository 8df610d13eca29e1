namespace TrustPortal.Web.Features.Portal;

/// <summary>The customer portal has no services of its own (its cards use each feature's); it maps the sign-in landing.</summary>
public static class PortalRegistration
{
    public static void MapPortalEndpoints(this IEndpointRouteBuilder app) => app.MapWorkspaceEndpoint();
}
