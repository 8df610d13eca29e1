using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Security;

/// <summary>
/// Whether a signed-in session still stands, checked on every request and every interactive action: the account
/// exists, is not deactivated, and its security stamp is the one the cookie was issued with. Deactivation, role changes
/// and password resets change the stamp, so they end open sessions at once rather than after Identity's 30-minute
/// revalidation. One indexed lookup of two columns; the cookie is never re-issued, so the second-factor claim
/// (amr = mfa) a staff member signed in with stays for the life of the session.
/// </summary>
public sealed class SessionCheck(IDbContextFactory<AppDbContext> dbFactory, IOptions<IdentityOptions> identity)
{
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        var claims = identity.Value.ClaimsIdentity;
        var userId = principal.FindFirstValue(claims.UserIdClaimType);
        var stamp = principal.FindFirstValue(claims.SecurityStampClaimType);
        if (userId is null || stamp is null)
        {
            return false;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.DeactivatedAtUtc })
            .FirstOrDefaultAsync(cancellationToken);
        return user is { DeactivatedAtUtc: null } && user.SecurityStamp == stamp;
    }

    /// <summary>The cookie handler's validation hook, in place of Identity's interval-based security stamp validator.</summary>
    public static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal?.Identity?.IsAuthenticated != true)
        {
            return;
        }
        var check = context.HttpContext.RequestServices.GetRequiredService<SessionCheck>();
        if (!await check.IsCurrentAsync(context.Principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }
}
