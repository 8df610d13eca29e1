using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Components.Account;

/// <summary>
/// Re-checks an interactive circuit's session every minute (the same check every request makes), so a deactivated or
/// demoted user's open pages lose their rights promptly. Services also re-check on each action through CurrentUser.
/// </summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider(ILoggerFactory loggerFactory, SessionCheck sessions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        sessions.IsCurrentAsync(authenticationState.User, cancellationToken);
}
