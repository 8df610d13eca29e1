using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Features.SignIn;

/// <summary>Identity's sign-in manager plus sign-in by emailed link.</summary>
public sealed class PortalSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>Recorded as the session's authentication method (and kept through the two-factor step).</summary>
    public const string EmailLinkMethod = "email-link";

    /// <summary>
    /// The link stands in for the password only: the same checks as a password sign-in (confirmed, not locked out),
    /// and an account with two-factor authentication is sent on to its second step exactly as after a password.
    /// </summary>
    public async Task<SignInResult> EmailLinkSignInAsync(ApplicationUser user)
    {
        var refused = await PreSignInCheck(user);
        return refused ?? await SignInOrTwoFactorAsync(user, isPersistent: false, loginProvider: EmailLinkMethod);
    }
}
