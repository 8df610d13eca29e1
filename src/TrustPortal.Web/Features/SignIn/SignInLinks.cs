using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Email;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.SignIn;

/// <summary>
/// "Email me a sign-in link": the way in while password sign-in is throttled. The link is single-use, expires after
/// <see cref="SignInOptions.LinkLifetime"/>, and only replaces the password: accounts with two-factor authentication
/// (all staff) are still asked for their code.
/// </summary>
public sealed class SignInLinks(
    IDbContextFactory<AppDbContext> dbFactory,
    UserManager<ApplicationUser> users,
    PortalSignInManager signInManager,
    SignInThrottle throttle,
    EmailOutbox outbox,
    PublicUrls urls,
    IOptions<SignInOptions> options,
    TimeProvider clock,
    ILogger<SignInLinks> logger)
{
    public const string LinkPath = "Account/LoginWithLink";
    private const int MaxTokenLength = 100;

    /// <summary>
    /// Emails a link when the address belongs to an account that may sign in; otherwise does nothing. The caller
    /// shows the same answer either way.
    /// </summary>
    public async Task RequestAsync(string email, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user?.Email is null || !await signInManager.CanSignInAsync(user) || await users.IsLockedOutAsync(user)
            || await signInManager.MustUseSsoAsync(user))
        {
            return;
        }

        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var since = now - settings.LinkLifetime;
        if (await db.SignInLinks.CountAsync(l => l.UserId == user.Id && l.CreatedAtUtc > since, cancellationToken) >= settings.LinksPerLifetime)
        {
            logger.LogWarning("Sign-in link for user {UserId} not sent: {Count} already sent recently.", user.Id, settings.LinksPerLifetime);
            return;
        }
        var stale = now - TimeSpan.FromDays(1);
        await db.SignInLinks.Where(l => l.ExpiresAtUtc < stale).ExecuteDeleteAsync(cancellationToken);

        var token = SecretTokens.New();
        db.SignInLinks.Add(new SignInLink
        {
            UserId = user.Id,
            TokenHash = SecretTokens.Hash(token),
            SecurityStamp = user.SecurityStamp,
            CreatedAtUtc = now,
            ExpiresAtUtc = now + settings.LinkLifetime,
        });
        var link = $"{urls.Absolute(LinkPath)}?token={token}";
        var minutes = (int)Math.Round(settings.LinkLifetime.TotalMinutes);
        var secondStep = await users.GetTwoFactorEnabledAsync(user)
            ? "\n\nAfter opening it you will still be asked for the code from your authenticator app."
            : "";
        outbox.Enqueue(db, user.Email, $"Your {outbox.VendorName} sign-in link",
            $"Hello,\n\nUse this link to sign in to {outbox.VendorName}. It works once, within {minutes} minutes:\n{link}{secondStep}\n\n"
            + "If you did not ask for it, you can ignore this message: nobody can use the link without access to your email, and your password is unchanged.");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The address a link would sign in, or null when it is unknown, used, expired or void. Does not use it up.</summary>
    public async Task<string?> FindAccountAsync(string? token, CancellationToken cancellationToken = default)
    {
        var link = await FindUsableAsync(token, cancellationToken);
        return link is null ? null : (await UserForAsync(link))?.Email;
    }

    /// <summary>Uses the link up and signs in (or starts the two-factor step); null when the link does not work.</summary>
    public async Task<SignInResult?> SignInAsync(string? token, IPAddress? client, CancellationToken cancellationToken = default)
    {
        var link = await FindUsableAsync(token, cancellationToken);
        if (link is null || await UserForAsync(link) is not { } user)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Only one request can move UsedAtUtc off null, however many click at once on however many instances.
        var claimed = await db.SignInLinks
            .Where(l => l.Id == link.Id && l.UsedAtUtc == null && l.ExpiresAtUtc > now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAtUtc, now), cancellationToken);
        if (claimed != 1)
        {
            return null;
        }
        // The newest link proves the inbox; older ones still in it are no longer needed.
        await db.SignInLinks
            .Where(l => l.UserId == user.Id && l.UsedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAtUtc, now), cancellationToken);

        var result = await signInManager.EmailLinkSignInAsync(user);
        if (result.Succeeded || result.RequiresTwoFactor)
        {
            await throttle.SucceededAsync(user.UserName ?? user.Email ?? "", client, cancellationToken);
        }
        return result;
    }

    private async Task<SignInLink?> FindUsableAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > MaxTokenLength)
        {
            return null;
        }
        var hash = SecretTokens.Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.SignInLinks.AsNoTracking()
            .FirstOrDefaultAsync(l => l.TokenHash == hash && l.UsedAtUtc == null && l.ExpiresAtUtc > now, cancellationToken);
    }

    private async Task<ApplicationUser?> UserForAsync(SignInLink link)
    {
        var user = await users.FindByIdAsync(link.UserId);
        return user is not null && user.SecurityStamp == link.SecurityStamp ? user : null;
    }

}
