using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.Email;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Organizations;

/// <summary>A customer's organization: create one, invite colleagues, join by invitation.</summary>
public sealed class OrganizationService(
    IDbContextFactory<AppDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    EmailOutbox outbox,
    PublicUrls urls,
    TimeProvider clock)
{
    public async Task<OrganizationOverview?> GetMyOrganizationAsync(CancellationToken cancellationToken = default)
    {
        var organizationId = await currentUser.GetOrganizationIdAsync();
        if (organizationId is null)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organization = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == organizationId, cancellationToken);
        var members = await db.Users.AsNoTracking()
            .Where(u => u.OrganizationId == organizationId)
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
            .Select(u => new Member(u.DisplayName, u.Email ?? "", u.JobTitle))
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var invitations = await db.OrganizationInvitations.AsNoTracking()
            .Where(i => i.OrganizationId == organizationId && i.AcceptedAtUtc == null && i.ExpiresAtUtc > now)
            .OrderByDescending(i => i.CreatedAtUtc)
            .Select(i => new PendingInvitation(i.Id, i.Email, i.CreatedAtUtc, i.ExpiresAtUtc))
            .ToListAsync(cancellationToken);
        return new OrganizationOverview(organization.Id, organization.Name, organization.CreatedAtUtc, members, invitations);
    }

    public async Task<Result> CreateAsync(string name)
    {
        if (OrganizationRules.ValidateName(name) is { } error)
        {
            return Result.Fail(error);
        }
        var me = await RequireCustomerAsync();
        if (me is null)
        {
            return Result.Fail("Only customer accounts can create an organization.");
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        var user = await db.Users.FirstAsync(u => u.Id == me.Id);
        if (user.OrganizationId is not null)
        {
            return Result.Fail("You already belong to an organization.");
        }
        var organization = new Organization { Name = name.Trim(), CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
        db.Organizations.Add(organization);
        user.OrganizationId = organization.Id;
        await audit.RecordAsync(db, "organization.created", nameof(Organization), organization.Id.ToString(), new { organization.Name });
        await db.SaveChangesAsync();
        currentUser.Refresh();
        return Result.Ok();
    }

    public async Task<Result> InviteAsync(string email)
    {
        if (OrganizationRules.ValidateEmail(email) is { } error)
        {
            return Result.Fail(error);
        }
        var me = await RequireCustomerAsync();
        if (me?.OrganizationId is not { } organizationId)
        {
            return Result.Fail("Create or join an organization before inviting colleagues.");
        }
        var address = email.Trim();
        var normalized = address.ToUpperInvariant();
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized && u.OrganizationId == organizationId))
        {
            return Result.Fail($"{address} is already a member of your organization.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.OrganizationInvitations.AnyAsync(i => i.OrganizationId == organizationId && i.NormalizedEmail == normalized
            && i.AcceptedAtUtc == null && i.ExpiresAtUtc > now))
        {
            return Result.Fail($"{address} already has a pending invitation.");
        }
        var organization = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == organizationId);
        var invitation = new OrganizationInvitation
        {
            OrganizationId = organizationId,
            Email = address,
            NormalizedEmail = normalized,
            InvitedByUserId = me.Id,
            CreatedAtUtc = now,
            ExpiresAtUtc = now + OrganizationRules.InvitationLifetime,
        };
        db.OrganizationInvitations.Add(invitation);
        outbox.Enqueue(db, address, $"{me.DisplayName} invited you to {organization.Name} on {outbox.VendorName}",
            $"Hello,\n\n{me.DisplayName} ({me.Email}) invited you to join {organization.Name} on {outbox.VendorName}, where your organization "
            + $"requests and keeps its data-protection agreements and compliance documents.\n\nSign in or register with this email address, "
            + $"then accept the invitation on your portal page:\n{urls.Absolute("/portal")}\n\n"
            + $"The invitation expires on {invitation.ExpiresAtUtc:yyyy-MM-dd} (UTC).");
        await audit.RecordAsync(db, "organization.invitation.created", nameof(Organization), organizationId.ToString(), new { invitation.Id, invitation.Email });
        await db.SaveChangesAsync();
        return Result.Ok();
    }

    /// <summary>Invitations addressed to the signed-in user's confirmed email.</summary>
    public async Task<List<InvitationForMe>> GetMyInvitationsAsync()
    {
        var me = await currentUser.GetAsync();
        if (me is not { EmailConfirmed: true, OrganizationId: null })
        {
            return [];
        }
        var normalized = me.Email.ToUpperInvariant();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.OrganizationInvitations.AsNoTracking()
            .Where(i => i.NormalizedEmail == normalized && i.AcceptedAtUtc == null && i.ExpiresAtUtc > now)
            .OrderByDescending(i => i.CreatedAtUtc)
            .Select(i => new InvitationForMe(i.Id, i.Organization!.Name, i.ExpiresAtUtc))
            .ToListAsync();
    }

    public async Task<Result> AcceptInvitationAsync(Guid invitationId)
    {
        var me = await RequireCustomerAsync();
        if (me is not { EmailConfirmed: true })
        {
            return Result.Fail("Confirm your email address before accepting an invitation.");
        }
        var normalized = me.Email.ToUpperInvariant();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync();
        // Looking it up by the caller's own email means an id for someone else's invitation finds nothing.
        var invitation = await db.OrganizationInvitations
            .FirstOrDefaultAsync(i => i.Id == invitationId && i.NormalizedEmail == normalized && i.AcceptedAtUtc == null && i.ExpiresAtUtc > now);
        if (invitation is null)
        {
            return Result.Fail("This invitation is no longer valid. Ask your colleague to invite you again.");
        }
        var user = await db.Users.FirstAsync(u => u.Id == me.Id);
        if (user.OrganizationId is not null)
        {
            return Result.Fail("You already belong to an organization.");
        }
        user.OrganizationId = invitation.OrganizationId;
        invitation.AcceptedAtUtc = now;
        await audit.RecordAsync(db, "organization.member.joined", nameof(Organization), invitation.OrganizationId.ToString(), new { invitation.Id, me.Email });
        await db.SaveChangesAsync();
        currentUser.Refresh();
        return Result.Ok();
    }

    private async Task<UserSnapshot?> RequireCustomerAsync() =>
        await currentUser.IsInRoleAsync(Roles.Customer) ? await currentUser.GetAsync() : null;
}

public sealed record OrganizationOverview(Guid Id, string Name, DateTime CreatedAtUtc, List<Member> Members, List<PendingInvitation> Invitations);
public sealed record Member(string DisplayName, string Email, string? JobTitle);
public sealed record PendingInvitation(Guid Id, string Email, DateTime CreatedAtUtc, DateTime ExpiresAtUtc);
public sealed record InvitationForMe(Guid Id, string OrganizationName, DateTime ExpiresAtUtc);
