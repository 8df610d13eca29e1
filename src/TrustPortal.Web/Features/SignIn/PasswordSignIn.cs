using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Features.SignIn;

/// <summary>The outcome of a password attempt: refused by the throttle (password never looked at), or Identity's result.</summary>
public sealed record PasswordSignInAttempt(SignInResult Result, ThrottleRefusal? Throttle);

/// <summary>
/// Password sign-in with the throttle in front and one password-hash check on every path, so neither the answer nor
/// the time it takes tells a caller whether an address has an account.
/// </summary>
public sealed class PasswordSignIn(
    SignInThrottle throttle,
    PortalSignInManager signInManager,
    UserManager<ApplicationUser> users,
    DummyPasswordHash dummyHash)
{
    public async Task<PasswordSignInAttempt> SignInAsync(string userName, string password, bool rememberMe, IPAddress? client)
    {
        if (await throttle.TryBeginAsync(userName, client) is { } refusal)
        {
            return new PasswordSignInAttempt(SignInResult.Failed, refusal);
        }

        var user = await users.FindByNameAsync(userName);
        SignInResult result;
        if (user is null)
        {
            dummyHash.Verify(users.PasswordHasher, password);
            result = SignInResult.Failed;
        }
        else
        {
            // lockoutOnFailure: false — the throttle counts failures; Identity's lockout would let anyone lock anyone out.
            result = await signInManager.PasswordSignInAsync(user, password, rememberMe, lockoutOnFailure: false);
            if (result.IsLockedOut || result.IsNotAllowed)
            {
                // Identity refuses these before hashing. Check the password anyway: it costs the same time, and only
                // someone who knows it learns that the account is deactivated or unconfirmed.
                if (!await users.CheckPasswordAsync(user, password))
                {
                    result = SignInResult.Failed;
                }
            }
        }

        if (result.Succeeded || result.RequiresTwoFactor)
        {
            await throttle.SucceededAsync(userName, client);
        }
        return new PasswordSignInAttempt(result, null);
    }
}

/// <summary>
/// A hash of a random password made by the portal's own hasher, checked against when the user name is unknown so
/// that path costs what a real check costs.
/// </summary>
public sealed class DummyPasswordHash
{
    private static readonly ApplicationUser Nobody = new();
    private string? hash;

    public void Verify(IPasswordHasher<ApplicationUser> hasher, string password)
    {
        hash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        hasher.VerifyHashedPassword(Nobody, hash, password);
    }
}
