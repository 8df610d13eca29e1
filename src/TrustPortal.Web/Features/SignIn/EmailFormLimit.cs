using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.SignIn;

/// <summary>
/// One submission of a form that emails the address typed into it (registration, password reset, resending the
/// confirmation). Kept in the database so every instance of the portal counts the same submissions.
/// </summary>
public class EmailFormAttempt
{
    public long Id { get; set; }
    /// <summary>SHA-256 of the normalized address as typed: a limit on an address, whether or not it has an account.</summary>
    public string EmailKey { get; set; } = "";
    public DateTime AtUtc { get; set; }
}

public sealed class EmailFormAttemptConfiguration : IEntityTypeConfiguration<EmailFormAttempt>
{
    public void Configure(EntityTypeBuilder<EmailFormAttempt> builder)
    {
        builder.Property(a => a.EmailKey).HasMaxLength(64);
        builder.HasIndex(a => new { a.EmailKey, a.AtUtc });
        builder.HasIndex(a => a.AtUtc);
    }
}

/// <summary>
/// The limit that matters for these forms is per email address (<see cref="RateLimitOptions.EmailFormsPerAddressPerHour"/>):
/// it keeps anyone from flooding one inbox, and colleagues behind one company gateway do not share it. The per-network
/// ceiling in <see cref="RateLimiting"/> stays, much higher, against one machine trying many addresses.
/// </summary>
public sealed class EmailFormLimit(
    IDbContextFactory<AppDbContext> dbFactory,
    ILookupNormalizer normalizer,
    IOptions<RateLimitOptions> options,
    TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>Null when the form may go ahead (the submission is counted); otherwise how long to wait.</summary>
    public async Task<TimeSpan?> TryAcquireAsync(string email, CancellationToken cancellationToken = default)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizer.NormalizeEmail(email.Trim()) ?? "")));
        var now = clock.GetUtcNow().UtcDateTime;
        var windowStart = now - Window;

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Counting and recording in one write transaction: parallel submissions cannot all pass on the same count.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.EmailFormAttempts.Where(a => a.AtUtc <= windowStart).ExecuteDeleteAsync(cancellationToken);
        var limit = Math.Max(1, options.Value.EmailFormsPerAddressPerHour);
        var recent = await db.EmailFormAttempts
            .Where(a => a.EmailKey == key && a.AtUtc > windowStart)
            .OrderByDescending(a => a.AtUtc)
            .Select(a => a.AtUtc)
            .Take(limit)
            .ToListAsync(cancellationToken);
        if (recent.Count >= limit)
        {
            return recent[^1] + Window - now;
        }
        db.EmailFormAttempts.Add(new EmailFormAttempt { EmailKey = key, AtUtc = now });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    public static string Message(TimeSpan wait) =>
        $"Too many attempts for this email address. Please wait {RateLimiting.Describe(wait)} and try again.";
}
