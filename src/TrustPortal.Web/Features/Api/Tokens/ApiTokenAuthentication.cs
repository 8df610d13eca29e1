using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Features.Api.Tokens;

/// <summary>
/// The API's own scheme: <c>Authorization: Bearer tp_…</c>, never a cookie. The secret is hashed and looked up by its
/// hash (no comparison of secrets, so no timing to measure); the token counts only while it is unrevoked and unexpired,
/// its owner is active, a customer still belongs to the token's organization (staff still have two-factor sign-in on), and only with the scopes the owner's
/// roles still allow. Failures answer 401 and missing scopes 403, as JSON problem details. The secret is never logged.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string TokenIdClaim = "tp:token";
    public const string OrganizationClaim = "tp:organization";
    /// <summary>Last-use times are written at most this often per token, so a busy integration does not write on every read.</summary>
    private static readonly TimeSpan LastUseResolution = TimeSpan.FromSeconds(30);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("Send the token as 'Authorization: Bearer <token>'.");
        }
        var secret = header["Bearer ".Length..].Trim();
        if (!ApiTokenSecrets.LooksLikeSecret(secret))
        {
            return AuthenticateResult.Fail(Invalid);
        }
        var hash = ApiTokenSecrets.Hash(secret);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(Context.RequestAborted);
        var found = await db.ApiTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.RevokedAtUtc == null && t.ExpiresAtUtc > now)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new { Token = t, u.DeactivatedAtUtc, u.OrganizationId, u.TwoFactorEnabled })
            .FirstOrDefaultAsync(Context.RequestAborted);
        // A customer's token needs its owner still in the organization; a staff token, like every staff right, a second factor.
        if (found is null || found.DeactivatedAtUtc is not null
            || (found.Token.OrganizationId is { } org ? found.OrganizationId != org : !found.TwoFactorEnabled))
        {
            return AuthenticateResult.Fail(Invalid);
        }
        var token = found.Token;
        var roles = await db.UserRoles.Where(r => r.UserId == token.UserId)
            .Join(db.Roles, r => r.RoleId, role => role.Id, (_, role) => role.Name!)
            .ToListAsync(Context.RequestAborted);
        var allowed = ApiScopes.AllowedFor(roles, forOrganization: token.OrganizationId is not null);
        var scopes = token.ScopeList.Where(allowed.Contains).ToList();
        if (scopes.Count == 0)
        {
            return AuthenticateResult.Fail(Invalid);
        }
        if (token.LastUsedAtUtc is not { } last || now - last >= LastUseResolution)
        {
            var stamp = UtcTimeConverter.TruncateToMicroseconds(now);
            await db.ApiTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAtUtc, stamp), Context.RequestAborted);
        }
        var identity = new ClaimsIdentity(SchemeName);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, token.UserId));
        identity.AddClaim(new Claim(TokenIdClaim, token.Id.ToString()));
        if (token.OrganizationId is { } organizationId)
        {
            identity.AddClaim(new Claim(OrganizationClaim, organizationId.ToString()));
        }
        identity.AddClaims(scopes.Select(s => new Claim(ApiScopes.ClaimType, s)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private const string Invalid = "The token is not valid: it is unknown, expired or revoked, or its owner no longer has access.";

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var detail = result.Failure?.Message ?? "This API needs a token: send 'Authorization: Bearer <token>'. Create one on your API tokens page.";
        Response.Headers.WWWAuthenticate = result.Failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer error=\"insufficient_scope\"";
        var scope = Context.GetEndpoint()?.Metadata.GetMetadata<ApiScopeMetadata>()?.Scope;
        return WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden",
            scope is null ? "The token does not have the scope this endpoint needs." : $"The token does not have the scope '{scope}' this endpoint needs.");
    }

    private Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        return Response.WriteAsJsonAsync(new ProblemDetails { Status = status, Title = title, Detail = detail }, (System.Text.Json.JsonSerializerOptions?)null,
            "application/problem+json", Context.RequestAborted);
    }
}
