using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Features.SignIn;

/// <summary>Why a password attempt was refused before the password was looked at.</summary>
public enum ThrottleReason
{
    /// <summary>Too many wrong passwords for this account from this address: that address waits, nobody else.</summary>
    TooManyFromThisAddress,
    /// <summary>Too many wrong passwords for this account from many addresses: password sign-in pauses, links still work.</summary>
    AccountUnderAttack,
}

public sealed record ThrottleRefusal(ThrottleReason Reason, TimeSpan RetryAfter);

/// <summary>
/// Slows down password guessing without letting a stranger keep the owner out. Wrong passwords are counted per
/// account and client address: after <see cref="SignInOptions.FreeFailures"/> that address waits 2, 4, 8 … seconds
/// (up to <see cref="SignInOptions.MaxDelay"/>) between attempts, while other addresses are untouched. A looser
/// ceiling across all addresses pauses password sign-in to an account under a spread-out attack; the owner then
/// signs in with an emailed link (<see cref="SignInLinks"/>). Identity's own lockout is not used for passwords.
/// </summary>
public sealed class SignInThrottle(
    IDbContextFactory<AppDbContext> dbFactory,
    ILookupNormalizer normalizer,
    IOptions<SignInOptions> options,
    TimeProvider clock)
{
    /// <summary>
    /// Refuses the attempt, or records it as a failure before the password is checked (<see cref="SucceededAsync"/>
    /// takes it back). Checking and recording in one write transaction means parallel attempts cannot all slip through
    /// on the same count, on this instance or another one sharing the database.
    /// </summary>
    public async Task<ThrottleRefusal?> TryBeginAsync(string userName, IPAddress? client, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var account = AccountKey(userName);
        var from = ClientKey(client);
        var now = clock.GetUtcNow().UtcDateTime;

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var forgotten = now - settings.FailureMemory;
        await db.SignInFailures.Where(f => f.AtUtc < forgotten).ExecuteDeleteAsync(cancellationToken);

        var fromHere = await db.SignInFailures
            .Where(f => f.AccountKey == account && f.ClientKey == from)
            .Select(f => f.AtUtc)
            .ToListAsync(cancellationToken);
        if (fromHere.Count > 0)
        {
            var allowedAt = fromHere.Max() + DelayAfter(fromHere.Count, settings);
            if (allowedAt > now)
            {
                return new ThrottleRefusal(ThrottleReason.TooManyFromThisAddress, allowedAt - now);
            }
        }

        var windowStart = now - settings.AccountWindow;
        var recent = await db.SignInFailures
            .Where(f => f.AccountKey == account && f.AtUtc > windowStart)
            .OrderByDescending(f => f.AtUtc)
            .Select(f => f.AtUtc)
            .Take(settings.AccountCeiling)
            .ToListAsync(cancellationToken);
        if (recent.Count >= settings.AccountCeiling)
        {
            // The pause ends when the oldest of the counted failures leaves the window.
            return new ThrottleRefusal(ThrottleReason.AccountUnderAttack, recent[^1] + settings.AccountWindow - now);
        }

        db.SignInFailures.Add(new SignInFailure { AccountKey = account, ClientKey = from, AtUtc = now });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>The right credentials from this address: forget its failures for this account (others' stay).</summary>
    public async Task SucceededAsync(string userName, IPAddress? client, CancellationToken cancellationToken = default)
    {
        var account = AccountKey(userName);
        var from = ClientKey(client);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.SignInFailures.Where(f => f.AccountKey == account && f.ClientKey == from).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>No wait for the first <see cref="SignInOptions.FreeFailures"/>; then 2 s, doubling, up to the cap.</summary>
    public static TimeSpan DelayAfter(int failures, SignInOptions settings)
    {
        if (failures < settings.FreeFailures)
        {
            return TimeSpan.Zero;
        }
        var seconds = Math.Pow(2, Math.Min(failures - settings.FreeFailures + 1, 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, settings.MaxDelay.TotalSeconds));
    }

    public string AccountKey(string userName) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizer.NormalizeName(userName.Trim()) ?? "")));

    public static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
