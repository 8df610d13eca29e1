using Microsoft.AspNetCore.Identity;

namespace TrustPortal.Web.Features.SignIn;

/// <summary>
/// A sign-in refused because staff must use single sign-on. Counts as "not allowed", so a caller that hides
/// whether a password was right (<see cref="PasswordSignIn"/>) still checks it first.
/// </summary>
public sealed class StaffSsoRequired : SignInResult
{
    public static readonly StaffSsoRequired Result = new();

    private StaffSsoRequired() => IsNotAllowed = true;

    public static string Message(string displayName) =>
        $"Staff accounts sign in with {displayName}. Use the \"Sign in with {displayName}\" button.";
}
