using System.Security.Claims;
using TrustPortal.Web.Features.Api.Tokens;

namespace TrustPortal.Web.Features.Api;

/// <summary>
/// Who is calling the API, from the token's principal. A customer token is bound to one organization and sees only its
/// records; a staff token (no organization) sees every customer's, within its scopes.
/// </summary>
public sealed record ApiCaller(string UserId, Guid TokenId, Guid? OrganizationId)
{
    public bool IsStaff => OrganizationId is null;

    public static ApiCaller From(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The API principal has no user."),
        Guid.Parse(user.FindFirstValue(ApiTokenAuthenticationHandler.TokenIdClaim) ?? throw new InvalidOperationException("The API principal has no token.")),
        user.FindFirstValue(ApiTokenAuthenticationHandler.OrganizationClaim) is { } organization ? Guid.Parse(organization) : null);
}

/// <summary>Marks an endpoint with the scope it needs, for the 403 message and the OpenAPI description.</summary>
public sealed record ApiScopeMetadata(string Scope);
