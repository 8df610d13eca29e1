using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Audit;

namespace TrustPortal.Web.Security;

/// <summary>
/// The signed-in user of this request or circuit. Services take the user's organization from here, never from
/// input, so tenant isolation cannot be forgotten by a page.
/// </summary>
public sealed class CurrentUser(IServiceProvider services, IHttpContextAccessor http, IDbContextFactory<AppDbContext> dbFactory)
{
    private ClaimsPrincipal? principal;
    private UserSnapshot? snapshot;

    public async Task<ClaimsPrincipal> GetPrincipalAsync()
    {
        if (principal is not null)
        {
            return principal;
        }
        var context = http.HttpContext;
        if (context is not null && !context.WebSockets.IsWebSocketRequest)
        {
            return principal = context.User;
        }
        var auth = services.GetRequiredService<AuthenticationStateProvider>();
        return principal = (await auth.GetAuthenticationStateAsync()).User;
    }

    public async Task<string?> GetUserIdAsync() =>
        (await GetPrincipalAsync()).FindFirstValue(ClaimTypes.NameIdentifier);

    public async Task<bool> IsInRoleAsync(string role) => (await GetPrincipalAsync()).IsInRole(role);

    /// <summary>The user's row as stored now (organization, name), or null when signed out.</summary>
    public async Task<UserSnapshot?> GetAsync()
    {
        if (snapshot is not null)
        {
            return snapshot;
        }
        var userId = await GetUserIdAsync();
        if (userId is null)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        return snapshot = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new UserSnapshot(u.Id, u.Email ?? "", u.DisplayName, u.OrganizationId, u.EmailConfirmed))
            .FirstOrDefaultAsync();
    }

    public async Task<Guid?> GetOrganizationIdAsync() => (await GetAsync())?.OrganizationId;

    /// <summary>Forget the cached row after a change to it (joining an organization, say).</summary>
    public void Refresh() => snapshot = null;

    /// <summary>The browser's user agent: of this request, or of the circuit's connection.</summary>
    public string? GetUserAgent() => http.HttpContext?.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null;

    public async Task<AuditActor> GetActorAsync()
    {
        var user = await GetAsync();
        var ip = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        return user is null ? new AuditActor(null, "anonymous", ip) : new AuditActor(user.Id, user.Email, ip);
    }
}

public sealed record UserSnapshot(string Id, string Email, string DisplayName, Guid? OrganizationId, bool EmailConfirmed);
