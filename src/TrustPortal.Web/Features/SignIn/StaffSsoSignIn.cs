using System.Net;
using Microsoft.AspNetCore.Identity;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.SignIn;

/// <summary>Why a single sign-on did not end in a session, or that it did.</summary>
public enum StaffSsoOutcome
{
    SignedIn,
    /// <summary>The account has an authenticator and the provider did not assert MFA: the code comes next.</summary>
    RequiresTwoFactor,
    /// <summary>None of the person's groups maps to a portal role (any staff roles they had were taken away).</summary>
    NoPortalRole,
    /// <summary>The email belongs to an account that is not staff (a customer's): it is never linked.</summary>
    NotAStaffAccount,
    /// <summary>The email belongs to a staff account, but the provider did not say it verified the address.</summary>
    EmailNotVerified,
    /// <summary>The provider sent no email address, which a new account needs.</summary>
    NoEmail,
    LockedOut,
}

/// <summary>
/// Turns a person the company's provider authenticated into a portal session. The provider is the source of truth
/// for staff roles: on every sign-in the mapped roles are added and the unmapped ones removed (each change audited,
/// other sessions ended). Accounts are found by the provider's login, then by a verified email that belongs to a staff
/// account; otherwise a new account is made. Customers' accounts are never linked, and nobody is made a customer.
/// </summary>
public sealed class StaffSsoSignIn(
    AppDbContext db,
    UserManager<ApplicationUser> users,
    PortalSignInManager signInManager,
    StaffSsoClaims claims,
    AuditTrail audit,
    ILogger<StaffSsoSignIn> logger)
{
    private const string UserEntity = "User";

    public async Task<StaffSsoOutcome> SignInAsync(ExternalLoginInfo login, IPAddress? client)
    {
        var principal = login.Principal;
        var wanted = claims.RolesFor(principal);
        var actor = new AuditActor(null, $"single sign-on ({login.ProviderDisplayName ?? login.LoginProvider})", client?.ToString());

        // One transaction under the staff lock: the Admin count cannot change between the check and the change.
        await using var transaction = await db.Database.BeginTransactionAsync();
        await DatabaseCounters.LockAsync(db, DatabaseCounters.StaffAdminsLock);
        var user = await users.FindByLoginAsync(login.LoginProvider, login.ProviderKey);
        if (user is null)
        {
            if (wanted.Count == 0)
            {
                logger.LogInformation("Single sign-on by {Subject}: no group maps to a portal role; no account made.", login.ProviderKey);
                return StaffSsoOutcome.NoPortalRole;
            }
            var found = await FindOrCreateAsync(login, actor);
            if (found.Outcome is { } refused)
            {
                return refused;
            }
            user = found.User!;
        }
        else if (await IsCustomerAsync(user))
        {
            return StaffSsoOutcome.NotAStaffAccount;
        }

        var remaining = await SyncRolesAsync(user, wanted, principal.FindAll(claims.GroupClaim).Select(c => c.Value).ToList(), actor);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        if (remaining.Count == 0)
        {
            return StaffSsoOutcome.NoPortalRole;
        }

        var result = await signInManager.StaffSsoSignInAsync(user, claims.SatisfiesMfa(principal));
        return result.Succeeded ? StaffSsoOutcome.SignedIn
            : result.RequiresTwoFactor ? StaffSsoOutcome.RequiresTwoFactor
            : StaffSsoOutcome.LockedOut;
    }

    private async Task<(ApplicationUser? User, StaffSsoOutcome? Outcome)> FindOrCreateAsync(ExternalLoginInfo login, AuditActor actor)
    {
        var email = StaffSsoClaims.Email(login.Principal);
        if (string.IsNullOrWhiteSpace(email))
        {
            return (null, StaffSsoOutcome.NoEmail);
        }
        var verified = StaffSsoClaims.EmailVerified(login.Principal);
        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            if (!(await users.GetRolesAsync(existing)).Any(Roles.Staff.Contains) || await IsCustomerAsync(existing))
            {
                return (null, StaffSsoOutcome.NotAStaffAccount);
            }
            if (!verified)
            {
                return (null, StaffSsoOutcome.EmailNotVerified);
            }
            Check(await users.AddLoginAsync(existing, login));
            audit.Record(db, actor, "staff.sso.linked", UserEntity, existing.Id, new { existing.Email, Subject = login.ProviderKey });
            return (existing, null);
        }

        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = verified,
            DisplayName = StaffSsoClaims.Name(login.Principal) ?? email,
        };
        Check(await users.CreateAsync(user));
        Check(await users.AddLoginAsync(user, login));
        audit.Record(db, actor, "staff.sso.created", UserEntity, user.Id, new { user.Email, user.DisplayName, Subject = login.ProviderKey });
        return (user, null);
    }

    /// <summary>Makes the staff roles those the groups map to; returns the staff roles the account keeps.</summary>
    private async Task<List<string>> SyncRolesAsync(ApplicationUser user, IReadOnlyList<string> wanted, List<string> groups, AuditActor actor)
    {
        var held = await users.GetRolesAsync(user);
        var current = Roles.Staff.Where(held.Contains).ToList();
        var toRemove = current.Except(wanted).ToList();
        var toAdd = wanted.Except(current).ToList();
        if (toRemove.Contains(Roles.Admin) && user.DeactivatedAtUtc is null
            && (await users.GetUsersInRoleAsync(Roles.Admin)).Count(u => u.DeactivatedAtUtc is null) <= 1)
        {
            // The portal never runs without an active administrator; the provider's change waits for another one.
            logger.LogWarning("Single sign-on would remove Admin from {Email}, the last active administrator; kept.", user.Email);
            toRemove.Remove(Roles.Admin);
        }
        if (toRemove.Count == 0 && toAdd.Count == 0)
        {
            return current;
        }
        Check(await users.RemoveFromRolesAsync(user, toRemove));
        Check(await users.AddToRolesAsync(user, toAdd));
        // Open sessions carry the old roles: a new stamp ends them (SessionCheck); this sign-in gets the new one.
        Check(await users.UpdateSecurityStampAsync(user));
        var after = Roles.Staff.Where(r => (current.Contains(r) && !toRemove.Contains(r)) || toAdd.Contains(r)).ToList();
        audit.Record(db, actor, "staff.roles.changed", UserEntity, user.Id,
            new { user.Email, Before = current, After = after, Source = "single sign-on", Groups = groups });
        return after;
    }

    private async Task<bool> IsCustomerAsync(ApplicationUser user) =>
        user.OrganizationId is not null || await users.IsInRoleAsync(user, Roles.Customer);

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
