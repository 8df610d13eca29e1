using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Api.Tokens;

/// <summary>
/// The signed-in user's own API tokens: list, create, revoke. A customer's token reads their organization; a staff
/// member's reads what their roles allow. Every create and revoke is an audit event (without the secret).
/// </summary>
public sealed class ApiTokenService(IDbContextFactory<AppDbContext> dbFactory, CurrentUser currentUser, AuditTrail audit, TimeProvider clock)
{
    public async Task<ApiTokenOptionsView> GetOptionsAsync(CancellationToken cancellationToken = default)
    {
        var (roles, organizationId) = await CallerAsync();
        var isStaff = organizationId is null;
        var scopes = ApiScopes.AllowedFor(roles, forOrganization: !isStaff);
        string? organizationName = null;
        if (organizationId is { } id)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            organizationName = await db.Organizations.Where(o => o.Id == id).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken);
        }
        return new ApiTokenOptionsView(scopes, organizationName, isStaff && scopes.Count > 0);
    }

    public async Task<List<ApiTokenRow>> ListMineAsync(CancellationToken cancellationToken = default)
    {
        var userId = await currentUser.GetUserIdAsync();
        if (userId is null)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId)
            .OrderByDescending(t => t.CreatedAtUtc).Take(200).ToListAsync(cancellationToken);
        return tokens.Select(t => new ApiTokenRow(t.Id, t.Name, t.Hint, t.ScopeList, t.CreatedAtUtc, t.ExpiresAtUtc, t.LastUsedAtUtc, t.RevokedAtUtc)).ToList();
    }

    /// <summary>Creates a token and returns its secret, which is not kept: the caller shows it once.</summary>
    public async Task<(CreatedApiToken? Token, string? Error)> CreateAsync(ApiTokenForm form, CancellationToken cancellationToken = default)
    {
        var userId = await currentUser.GetUserIdAsync();
        var (roles, organizationId) = await CallerAsync();
        var allowed = ApiScopes.AllowedFor(roles, forOrganization: organizationId is not null);
        if (userId is null || allowed.Count == 0)
        {
            return (null, "Your account cannot create API tokens.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var expiresOn = form.ExpiresOn is { } day ? DateOnly.FromDateTime(day) : (DateOnly?)null;
        if ((ApiTokenRules.NameProblem(form.Name) ?? ApiTokenRules.ExpiryProblem(expiresOn, DateOnly.FromDateTime(now))) is { } problem)
        {
            return (null, problem);
        }
        if (form.Scopes.Count == 0)
        {
            return (null, "Choose at least one scope.");
        }
        if (form.Scopes.FirstOrDefault(s => !allowed.Contains(s)) is { } refused)
        {
            return (null, $"Your role cannot grant {refused}.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var active = await db.ApiTokens.CountAsync(t => t.UserId == userId && t.RevokedAtUtc == null && t.ExpiresAtUtc > now, cancellationToken);
        if (active >= ApiTokenRules.MaxActivePerUser)
        {
            return (null, $"You have {active} active tokens, the most allowed. Revoke one you no longer use first.");
        }
        var secret = ApiTokenSecrets.Create();
        var token = new ApiToken
        {
            UserId = userId,
            OrganizationId = organizationId,
            Name = form.Name.Trim(),
            Hint = ApiTokenSecrets.Hint(secret),
            TokenHash = ApiTokenSecrets.Hash(secret),
            // In the order of ApiScopes.All, whatever order they were ticked in.
            Scopes = string.Join(' ', ApiScopes.All.Where(form.Scopes.Contains)),
            CreatedAtUtc = UtcTimeConverter.TruncateToMicroseconds(now),
            // To the end of the chosen UTC day.
            ExpiresAtUtc = expiresOn!.Value.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddDays(1),
        };
        db.ApiTokens.Add(token);
        await audit.RecordAsync(db, "api-token.created", "ApiToken", token.Id.ToString(),
            new { token.Name, token.Hint, scopes = token.ScopeList, token.OrganizationId, expiresAtUtc = token.ExpiresAtUtc });
        await db.SaveChangesAsync(cancellationToken);
        return (new CreatedApiToken(token.Id, secret), null);
    }

    public async Task<Result> RevokeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var userId = await currentUser.GetUserIdAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Only one's own: another user's token does not exist here.
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == userId, cancellationToken);
        if (token is null)
        {
            return Result.Fail("That token does not exist.");
        }
        if (token.RevokedAtUtc is not null)
        {
            return Result.Ok();
        }
        token.RevokedAtUtc = UtcTimeConverter.TruncateToMicroseconds(clock.GetUtcNow().UtcDateTime);
        await audit.RecordAsync(db, "api-token.revoked", "ApiToken", token.Id.ToString(), new { token.Name, token.Hint });
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }

    /// <summary>The caller's roles as they count now (staff roles only with a second factor), and their organization if a customer.</summary>
    private async Task<(List<string> Roles, Guid? OrganizationId)> CallerAsync()
    {
        var roles = new List<string>();
        foreach (var role in Roles.All)
        {
            if (await currentUser.IsInRoleAsync(role))
            {
                roles.Add(role);
            }
        }
        var isStaff = roles.Any(Roles.Staff.Contains);
        var organizationId = !isStaff && roles.Contains(Roles.Customer) ? await currentUser.GetOrganizationIdAsync() : null;
        if (!isStaff && organizationId is null)
        {
            roles.Clear();
        }
        return (roles, organizationId);
    }
}
