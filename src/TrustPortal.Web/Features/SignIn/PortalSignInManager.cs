using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.SignIn;

/// <summary>Identity's sign-in manager plus sign-in by emailed link and by staff single sign-on.</summary>
public sealed class PortalSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation,
    IOptions<StaffSsoOptions> sso)
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

    /// <summary>Whether this account may only sign in through single sign-on (a staff role while passwords are off for staff).</summary>
    public async Task<bool> MustUseSsoAsync(ApplicationUser user) =>
        sso.Value is { IsConfigured: true, DisablePasswordSignInForStaff: true }
        && (await UserManager.GetRolesAsync(user)).Any(Roles.Staff.Contains);

    /// <summary>
    /// Signs in a person the provider has just authenticated. Email confirmation is not asked for (the provider vouches
    /// for the person); lockout and deactivation still apply. With <paramref name="providerMfa"/> the session counts as
    /// two-factor (amr = mfa); without it, an account with an authenticator is asked for its code as after a password.
    /// </summary>
    public async Task<SignInResult> StaffSsoSignInAsync(ApplicationUser user, bool providerMfa)
    {
        if (await IsLockedOut(user))
        {
            return await LockedOut(user);
        }
        if (!providerMfa)
        {
            return await SignInOrTwoFactorAsync(user, isPersistent: false, loginProvider: StaffSsoOptions.Scheme);
        }
        await Context.SignOutAsync(IdentityConstants.ExternalScheme);
        await SignInWithClaimsAsync(user, isPersistent: false,
            [new Claim("amr", "mfa"), new Claim(ClaimTypes.AuthenticationMethod, StaffSsoOptions.Scheme)]);
        return SignInResult.Success;
    }

    /// <summary>
    /// Every way in (password, passkey, emailed link, their two-factor step) passes here; staff are refused when
    /// passwords are off for them, except in the second step of a single sign-on.
    /// </summary>
    protected override async Task<SignInResult?> PreSignInCheck(ApplicationUser user)
    {
        var refused = await base.PreSignInCheck(user);
        if (refused is not null || !await MustUseSsoAsync(user) || await ContinuesSsoAsync())
        {
            return refused;
        }
        return StaffSsoRequired.Result;
    }

    private async Task<bool> ContinuesSsoAsync()
    {
        var pending = await Context.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        return pending.Principal?.FindFirstValue(ClaimTypes.AuthenticationMethod) == StaffSsoOptions.Scheme;
    }
}
