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
public sealed class CurrentUser(IServiceProvider services, IHttpContextAccessor http, IDbContextFactory<AppDbContext> dbFactory, SessionCheck sessions)
{
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());
    private ClaimsPrincipal? principal;
    private UserSnapshot? snapshot;

    /// <summary>
    /// The user of this request (whose session the cookie handler has just checked) or of this circuit, re-checked on
    /// every call: a circuit outlives requests, and a deactivated or demoted user must lose their rights at their next
    /// action, not at the circuit's next revalidation.
    /// </summary>
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
        var user = (await auth.GetAuthenticationStateAsync()).User;
        if (user.Identity?.IsAuthenticated == true && !await sessions.IsCurrentAsync(user))
        {
            snapshot = null;
            return Anonymous;
        }
        return user;
    }

    public async Task<string?> GetUserIdAsync() =>
        (await GetPrincipalAsync()).FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>
    /// Whether the user acts in <paramref name="role"/> now. A staff role counts only in a session that passed the second
    /// factor, so every right that comes from a staff role needs it, whichever page or endpoint asks.
    /// </summary>
    public async Task<bool> IsInRoleAsync(string role)
    {
        var user = await GetPrincipalAsync();
        return user.IsInRole(role) && (!Roles.Staff.Contains(role) || StaffMfaRequirement.IsSatisfiedBy(user));
    }

    /// <summary>The user's row as stored now (organization, name), or null when signed out.</summary>
    public async Task<UserSnapshot?> GetAsync()
    {
        var userId = await GetUserIdAsync();
        if (userId is null)
        {
            return null;
        }
        if (snapshot?.Id == userId)
        {
            return snapshot;
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
