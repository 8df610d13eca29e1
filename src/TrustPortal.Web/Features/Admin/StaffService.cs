using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.Email;
using TrustPortal.Web.Features.Organizations;
using TrustPortal.Web.Features.TrustCenter.Subscriptions;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Admin;

/// <summary>
/// Vendor staff accounts (Sales, Legal, Admin): invite, change roles, deactivate. There is always at least one active
/// Admin, and an Admin cannot lock themself out.
/// </summary>
public sealed class StaffService(
    IServiceScopeFactory scopes,
    IDbContextFactory<AppDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    EmailOutbox outbox,
    PublicUrls urls,
    TimeProvider clock)
{
    public const int DisplayNameMaxLength = 100;
    public const int JobTitleMaxLength = 100;

    /// <summary>What a staff signature shows when the signer has no job title on record.</summary>
    public const string DefaultSignatoryTitle = "Authorized signatory";
    private const string NotAdmin = "Only administrators can manage staff accounts.";
    private const string UserEntity = "User";

    public async Task<List<StaffMember>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (!await currentUser.IsInRoleAsync(Roles.Admin))
        {
            throw new UnauthorizedAccessException(NotAdmin);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        string[] staffRoleNames = [.. Roles.Staff];
        var staffRoles = await db.Roles.AsNoTracking().Where(r => staffRoleNames.Contains(r.Name!)).ToDictionaryAsync(r => r.Id, r => r.Name!, cancellationToken);
        var roleIds = staffRoles.Keys.ToList();
        var assignments = await db.UserRoles.AsNoTracking().Where(ur => roleIds.Contains(ur.RoleId)).ToListAsync(cancellationToken);
        var userIds = assignments.Select(a => a.UserId).Distinct().ToList();
        var users = await db.Users.AsNoTracking()
            .Where(u => userIds.Contains(u.Id))
            .OrderBy(u => u.DeactivatedAtUtc != null).ThenBy(u => u.DisplayName).ThenBy(u => u.Email)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.JobTitle, u.DeactivatedAtUtc, u.TwoFactorEnabled, HasPassword = u.PasswordHash != null, u.CreatedAtUtc })
            .ToListAsync(cancellationToken);
        var me = await currentUser.GetUserIdAsync();
        return users.Select(u => new StaffMember(u.Id, u.Email ?? "", u.DisplayName,
                Roles.Staff.Where(r => assignments.Any(a => a.UserId == u.Id && staffRoles[a.RoleId] == r)).ToList(),
                u.DeactivatedAtUtc, u.TwoFactorEnabled, u.HasPassword, u.CreatedAtUtc, u.Id == me, u.JobTitle))
            .ToList();
    }

    /// <summary>
    /// Creates the account with its roles and emails a link to choose a password. The email counts as confirmed: the
    /// Admin vouches for the address, and only its owner can use the link.
    /// </summary>
    public async Task<FormResult> InviteAsync(string? email, string? displayName, IReadOnlyCollection<string>? roles)
    {
        if (!await currentUser.IsInRoleAsync(Roles.Admin))
        {
            return FormResult.Fail(NotAdmin);
        }
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (OrganizationRules.ValidateEmail(email) is { } emailError)
        {
            errors[nameof(StaffInvitation.Email)] = emailError;
        }
        if (DisplayNameProblem(displayName) is { } nameError)
        {
            errors[nameof(StaffInvitation.DisplayName)] = nameError;
        }
        if (RolesProblem(roles) is { } rolesError)
        {
            errors[nameof(StaffInvitation.Roles)] = rolesError;
        }
        if (errors.Count > 0)
        {
            return FormResult.Invalid(errors);
        }
        var actor = await currentUser.GetActorAsync();
        var address = email!.Trim();
        var granted = Roles.Staff.Where(roles!.Contains).ToList();
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await users.FindByEmailAsync(address) is not null)
        {
            return FormResult.Invalid(new Dictionary<string, string> { [nameof(StaffInvitation.Email)] = $"An account with {address} already exists." });
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        var user = new ApplicationUser
        {
            UserName = address,
            Email = address,
            EmailConfirmed = true,
            DisplayName = displayName!.Trim(),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return FormResult.Fail(string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        var added = await users.AddToRolesAsync(user, granted);
        if (!added.Succeeded)
        {
            return FormResult.Fail(string.Join(" ", added.Errors.Select(e => e.Description)));
        }
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        var link = urls.Absolute("Account/ResetPassword?code=" + Uri.EscapeDataString(code));
        outbox.Enqueue(db, address, $"Your {outbox.VendorName} staff account",
            $"Hello {user.DisplayName},\n\n{actor.Name} created a {outbox.VendorName} staff account for you with the role{(granted.Count > 1 ? "s" : "")} "
            + $"{string.Join(", ", granted)}.\n\nChoose your password here (enter this email address on the page):\n{link}\n\n"
            + "The link works for one day. After that, use \"Forgot your password?\" on the sign-in page. "
            + "Then set up two-factor authentication under Manage your account: staff accounts must use it.");
        audit.Record(db, actor, "staff.invited", UserEntity, user.Id, new { user.Email, user.DisplayName, Roles = granted });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return FormResult.Ok();
    }

    /// <summary>Replaces a staff member's staff roles. Roles take effect when their session next revalidates.</summary>
    public async Task<Result> SetRolesAsync(string userId, IReadOnlyCollection<string>? roles)
    {
        if (!await currentUser.IsInRoleAsync(Roles.Admin))
        {
            return Result.Fail(NotAdmin);
        }
        if (RolesProblem(roles) is { } problem)
        {
            return Result.Fail(problem);
        }
        var actor = await currentUser.GetActorAsync();
        var wanted = Roles.Staff.Where(roles!.Contains).ToList();
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Check-then-change of the Admin count: the lock row makes two admins demoting each other take turns, in any process.
        await using var transaction = await db.Database.BeginTransactionAsync();
        await DatabaseCounters.LockAsync(db, DatabaseCounters.StaffAdminsLock);
        var user = await FindStaffAsync(users, userId);
        if (user is null)
        {
            return Result.Fail("This staff member no longer exists. Reload the page.");
        }
        var current = (await users.GetRolesAsync(user)).Where(Roles.Staff.Contains).ToList();
        var toRemove = current.Except(wanted).ToList();
        var toAdd = wanted.Except(current).ToList();
        if (toRemove.Count == 0 && toAdd.Count == 0)
        {
            return Result.Ok();
        }
        if (toRemove.Contains(Roles.Admin) && user.DeactivatedAtUtc is null && await CountActiveAdminsAsync(users) <= 1)
        {
            return Result.Fail($"{user.DisplayName} is the last active administrator. Make someone else an administrator first.");
        }
        var changed = await users.RemoveFromRolesAsync(user, toRemove);
        if (changed.Succeeded)
        {
            changed = await users.AddToRolesAsync(user, toAdd);
        }
        if (!changed.Succeeded)
        {
            return Result.Fail(string.Join(" ", changed.Errors.Select(e => e.Description)));
        }
        // Open sessions carry the old roles as claims; a new stamp makes them sign in again at the next check.
        await users.UpdateSecurityStampAsync(user);
        audit.Record(db, actor, "staff.roles.changed", UserEntity, user.Id, new { user.Email, Before = current, After = wanted });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return Result.Ok();
    }

    /// <summary>Blocks sign-in (a lockout that never ends) and ends open sessions at their next security-stamp check.</summary>
    public async Task<Result> DeactivateAsync(string userId)
    {
        if (!await currentUser.IsInRoleAsync(Roles.Admin))
        {
            return Result.Fail(NotAdmin);
        }
        if (userId == await currentUser.GetUserIdAsync())
        {
            return Result.Fail("You cannot deactivate your own account. Ask another administrator.");
        }
        var actor = await currentUser.GetActorAsync();
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await DatabaseCounters.LockAsync(db, DatabaseCounters.StaffAdminsLock);
        var user = await FindStaffAsync(users, userId);
        if (user is null)
        {
            return Result.Fail("This staff member no longer exists. Reload the page.");
        }
        if (user.DeactivatedAtUtc is not null)
        {
            return Result.Ok();
        }
        if (await users.IsInRoleAsync(user, Roles.Admin) && await CountActiveAdminsAsync(users) <= 1)
        {
            return Result.Fail($"{user.DisplayName} is the last active administrator and cannot be deactivated.");
        }
        user.DeactivatedAtUtc = clock.GetUtcNow().UtcDateTime;
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        var updated = await users.UpdateSecurityStampAsync(user);
        if (!updated.Succeeded)
        {
            return Result.Fail(string.Join(" ", updated.Errors.Select(e => e.Description)));
        }
        audit.Record(db, actor, "staff.deactivated", UserEntity, user.Id, new { user.Email });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return Result.Ok();
    }

    /// <summary>The job title printed under the person's name when they sign for the vendor (e.g. "General Counsel"); empty clears it.</summary>
    public async Task<Result> SetJobTitleAsync(string userId, string? jobTitle)
    {
        if (!await currentUser.IsInRoleAsync(Roles.Admin))
        {
            return Result.Fail(NotAdmin);
        }
        var title = string.IsNullOrWhiteSpace(jobTitle) ? null : jobTitle.Trim();
        if (title is { Length: > JobTitleMaxLength })
        {
            return Result.Fail($"The title can be at most {JobTitleMaxLength} characters.");
        }
        var actor = await currentUser.GetActorAsync();
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await FindStaffAsync(users, userId);
        if (user is null)
        {
            return Result.Fail("This staff member no longer exists. Reload the page.");
        }
        if (user.JobTitle == title)
        {
            return Result.Ok();
        }
        var before = user.JobTitle;
        user.JobTitle = title;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return Result.Fail(string.Join(" ", updated.Errors.Select(e => e.Description)));
        }
        audit.Record(db, actor, "staff.title.changed", UserEntity, user.Id, new { user.Email, Before = before, After = title });
        await db.SaveChangesAsync();
        return Result.Ok();
    }

    /// <summary>The title a staff signature shows: the person's job title, or <see cref="DefaultSignatoryTitle"/>.</summary>
    public static string SignatoryTitle(string? jobTitle) => string.IsNullOrWhiteSpace(jobTitle) ? DefaultSignatoryTitle : jobTitle.Trim();

    public async Task<Result> ReactivateAsync(string userId)
    {
        if (!await currentUser.IsInRoleAsync(Roles.Admin))
        {
            return Result.Fail(NotAdmin);
        }
        var actor = await currentUser.GetActorAsync();
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await FindStaffAsync(users, userId);
        if (user is null)
        {
            return Result.Fail("This staff member no longer exists. Reload the page.");
        }
        if (user.DeactivatedAtUtc is null)
        {
            return Result.Ok();
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        user.DeactivatedAtUtc = null;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return Result.Fail(string.Join(" ", updated.Errors.Select(e => e.Description)));
        }
        audit.Record(db, actor, "staff.reactivated", UserEntity, user.Id, new { user.Email });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return Result.Ok();
    }

    public static string? DisplayNameProblem(string? name)
    {
        var text = name?.Trim() ?? "";
        if (text.Length < 2)
        {
            return "Enter the person's full name.";
        }
        if (text.Length > DisplayNameMaxLength)
        {
            return $"The name can be at most {DisplayNameMaxLength} characters.";
        }
        return text.Any(c => char.IsControl(c) || PlainTextAttribute.IsHidden(c) || c is '<' or '>') ? "The name contains characters that are not allowed." : null;
    }

    public static string? RolesProblem(IReadOnlyCollection<string>? roles)
    {
        if (roles is null || roles.Count == 0)
        {
            return "Choose at least one role. To take all access away, deactivate the account.";
        }
        return roles.All(Roles.Staff.Contains) ? null : $"Staff roles are {string.Join(", ", Roles.Staff)}.";
    }

    // Only staff accounts are managed here; a customer's id finds nothing.
    private static async Task<ApplicationUser?> FindStaffAsync(UserManager<ApplicationUser> users, string userId)
    {
        var user = await users.FindByIdAsync(userId);
        return user is not null && (await users.GetRolesAsync(user)).Any(Roles.Staff.Contains) ? user : null;
    }

    private static async Task<int> CountActiveAdminsAsync(UserManager<ApplicationUser> users) =>
        (await users.GetUsersInRoleAsync(Roles.Admin)).Count(u => u.DeactivatedAtUtc is null);
}

public sealed record StaffMember(
    string Id, string Email, string DisplayName, List<string> Roles, DateTime? DeactivatedAtUtc,
    bool TwoFactorEnabled, bool HasPassword, DateTime CreatedAtUtc, bool IsMe, string? JobTitle = null)
{
    public bool IsActive => DeactivatedAtUtc is null;
}

/// <summary>The invite form's fields.</summary>
public sealed class StaffInvitation
{
    public string? Email { get; set; }
    public string? DisplayName { get; set; }
    public HashSet<string> Roles { get; set; } = [];
}
