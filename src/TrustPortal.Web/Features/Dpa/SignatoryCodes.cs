using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Agreements.Execution;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.Email;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Features.Dpa;

/// <summary>
/// The six-digit code a forwarded signatory enters before signing: proof that whoever holds the link also reads the
/// mailbox it was sent to. Every rule is held by the database, so any portal instance may send, check or honour a code:
/// the resend limit by a sequence number unique per request, the attempt limit by a conditional update, a code's single
/// use by a conditional update of its verification time.
/// </summary>
public sealed class SignatoryCodes(IDbContextFactory<AppDbContext> dbFactory, AuditTrail audit, EmailOutbox outbox,
    IOptions<AgreementOptions> options, TimeProvider clock)
{
    /// <summary>One cookie name for every link; each cookie's path is its own signing link, so browsers keep them apart.</summary>
    public const string CookieName = "TrustPortal.SignatoryCode";

    public const string SentAction = "signature-request.code-sent";
    public const string RejectedAction = "signature-request.code-rejected";
    public const string LockedAction = "signature-request.code-locked";
    public const string VerifiedAction = "signature-request.code-verified";

    private AgreementOptions Options => options.Value;

    /// <summary>The verified code this browser holds for the request, or else the newest code's state.</summary>
    public async Task<SignatoryCodeState> StateAsync(Guid requestId, string? browserSecret, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await VerifiedAsync(db, requestId, browserSecret, cancellationToken) is { } verified)
        {
            return new SignatoryCodeState(verified.Id, verified.VerifiedAtUtc, null);
        }
        var newest = await NewestAsync(db, requestId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return new SignatoryCodeState(null, null, newest is not null && IsLive(newest, now) ? newest.ExpiresAtUtc : null);
    }

    /// <summary>The id of the code this browser verified for the request; null when it verified none.</summary>
    public async Task<Guid?> VerifiedCodeIdAsync(Guid requestId, string? browserSecret, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return (await VerifiedAsync(db, requestId, browserSecret, cancellationToken))?.Id;
    }

    /// <summary>Emails a new code to the request's address, unless the link has sent its allowance of codes lately.</summary>
    public async Task<SignatoryCodeResult> SendAsync(PendingSignature pending, string? ipAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var windowStart = now - Options.SignatureCodeWindow;
        var recent = await db.SignatureCodes.AsNoTracking()
            .Where(c => c.SignatureRequestId == pending.RequestId && c.CreatedAtUtc > windowStart)
            .Select(c => c.CreatedAtUtc).OrderBy(t => t).ToListAsync(cancellationToken);
        if (recent.Count >= Options.SignatureCodesPerWindow)
        {
            var next = recent[recent.Count - Options.SignatureCodesPerWindow] + Options.SignatureCodeWindow;
            return SignatoryCodeResult.Refused($"We have sent {recent.Count} codes for this link in the last {Minutes(Options.SignatureCodeWindow)}. "
                + $"Use the newest one, or request another after {next:HH:mm} UTC.");
        }
        var sequence = await db.SignatureCodes.Where(c => c.SignatureRequestId == pending.RequestId)
            .MaxAsync(c => (int?)c.Sequence, cancellationToken) ?? 0;
        if (sequence >= Options.SignatureCodesPerLink)
        {
            // A cap for the link's whole life keeps a guesser who has the link but not the mailbox to a few dozen tries.
            return SignatoryCodeResult.Refused("This link has sent all the codes it may. Ask the colleague who prepared the DPA to send a new link.");
        }
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var row = new SignatureCode
        {
            SignatureRequestId = pending.RequestId,
            Sequence = sequence + 1,
            SentTo = pending.Draft.SignatoryEmail.Trim(),
            CreatedAtUtc = now,
            ExpiresAtUtc = now + Options.SignatureCodeLifetime,
        };
        row.CodeHash = Hash(row.Id, code);
        db.SignatureCodes.Add(row);
        outbox.Enqueue(db, row.SentTo, "Your code to sign the Data Processing Addendum",
            $"Hello {pending.Draft.SignatoryName.Trim()},\n\nYour code: {code}\n\n"
            + $"Enter it on the signing page for the Data Processing Addendum of {pending.Draft.LegalName.Trim()}. It works once, for "
            + $"{Minutes(Options.SignatureCodeLifetime)} (until {row.ExpiresAtUtc:HH:mm} UTC).\n\n"
            + "If you did not ask for it, ignore this email and do not share the code: without it nobody can sign in your name.");
        audit.Record(db, Actor(pending, ipAddress), SentAction, nameof(SignatureRequest), pending.RequestId.ToString(),
            new { row.Sequence, row.SentTo, row.ExpiresAtUtc });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (!DatabaseBusy.Is(ex))
        {
            // Another request for this link took the same sequence number at the same moment: that code is on its way.
            return SignatoryCodeResult.Refused("A code was sent to you a moment ago. Check your inbox, then enter the newest code.");
        }
        catch (Exception ex) when (DatabaseBusy.Is(ex))
        {
            return SignatoryCodeResult.Refused("The portal is busy and could not send a code. Nothing was sent; try again in a moment.");
        }
        return SignatoryCodeResult.Sent(row.ExpiresAtUtc);
    }

    /// <summary>
    /// Checks <paramref name="input"/> against the newest code. Input that is not six digits changes nothing; a wrong
    /// code uses one attempt. A right one is verified once and binds the browser: the result carries its new secret.
    /// </summary>
    public async Task<SignatoryCodeResult> VerifyAsync(PendingSignature pending, string? input, string? ipAddress, string? userAgent,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pending);
        if (Normalize(input) is not { } code)
        {
            return SignatoryCodeResult.Refused("Enter the six digits from the email we sent you.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var newest = await NewestAsync(db, pending.RequestId, cancellationToken);
        if (newest is null)
        {
            return SignatoryCodeResult.Refused("Request a code first: we email it to you.");
        }
        if (Unusable(newest, now) is { } why)
        {
            return SignatoryCodeResult.Refused(why);
        }
        try
        {
            return await AttemptAsync(db, pending, newest, code, ipAddress, userAgent, now, cancellationToken);
        }
        catch (Exception ex) when (DatabaseBusy.Is(ex))
        {
            return SignatoryCodeResult.Refused("The portal is busy and could not check your code. Nothing was counted; try again in a moment.");
        }
    }

    private async Task<SignatoryCodeResult> AttemptAsync(AppDbContext db, PendingSignature pending, SignatureCode newest, string code,
        string? ipAddress, string? userAgent, DateTime now, CancellationToken cancellationToken)
    {
        var limit = Options.SignatureCodeAttempts;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // First statement, a write: takes the attempt (and SQLite's write lock) only while the code is still usable, so
        // parallel guesses, on any instance, never get more attempts than the limit between them.
        var taken = await db.SignatureCodes
            .Where(c => c.Id == newest.Id && c.Attempts < limit && c.VerifiedAtUtc == null && c.ExpiresAtUtc > now)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Attempts, c => c.Attempts + 1), cancellationToken);
        if (taken == 0)
        {
            var current = await db.SignatureCodes.AsNoTracking().FirstAsync(c => c.Id == newest.Id, cancellationToken);
            return SignatoryCodeResult.Refused(Unusable(current, now) ?? "This code can no longer be used. Request a new code.");
        }
        var attempts = newest.Attempts + 1;
        var actor = Actor(pending, ipAddress);
        var requestId = pending.RequestId.ToString();
        SignatoryCodeResult result;
        if (!SignatoryCopies.SameHash(newest.CodeHash, Hash(newest.Id, code)))
        {
            attempts = await db.SignatureCodes.Where(c => c.Id == newest.Id).Select(c => c.Attempts).FirstAsync(cancellationToken);
            var locked = attempts >= limit;
            audit.Record(db, actor, locked ? LockedAction : RejectedAction, nameof(SignatureRequest), requestId,
                new { newest.Sequence, attempts, limit });
            result = SignatoryCodeResult.Refused(locked
                ? "That code is not right, and it has now been tried too many times. Request a new code."
                : $"That code is not right. {Plural(limit - attempts, "attempt")} left.");
        }
        else
        {
            var secret = SignatoryCopies.NewSecret();
            var verifiedAt = UtcTimeConverter.TruncateToMicroseconds(now);
            var ua = string.IsNullOrWhiteSpace(userAgent) ? null : AgreementExecutor.Truncate(userAgent, AgreementExecutor.UserAgentMaxLength);
            await db.SignatureCodes.Where(c => c.Id == newest.Id && c.VerifiedAtUtc == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.VerifiedAtUtc, verifiedAt)
                    .SetProperty(c => c.VerifiedIpAddress, ipAddress)
                    .SetProperty(c => c.VerifiedUserAgent, ua)
                    .SetProperty(c => c.BrowserHash, SignatoryCopies.Hash(secret)), cancellationToken);
            audit.Record(db, actor, VerifiedAction, nameof(SignatureRequest), requestId,
                new { newest.Sequence, newest.SentTo, verifiedAtUtc = verifiedAt, attempts });
            result = SignatoryCodeResult.Verified(newest.Id, verifiedAt, secret);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>The address with its local part hidden but for the first letter: the signatory recognises it, a stranger learns little.</summary>
    public static string Masked(string email)
    {
        var trimmed = (email ?? "").Trim();
        var at = trimmed.LastIndexOf('@');
        return at <= 0 ? "your email address" : $"{trimmed[0]}•••{trimmed[at..]}";
    }

    /// <summary>The cookie that holds a verified code's browser secret: sent only to this signing link, until the link expires.</summary>
    public static CookieOptions CookieFor(string token, DateTime linkExpiresAtUtc, bool https) => new()
    {
        HttpOnly = true,
        Secure = https,
        // Lax, as for the signatory's copy: opening the link from webmail is a cross-site navigation, and the page must
        // know then that this browser already confirmed the address.
        SameSite = SameSiteMode.Lax,
        Path = $"/dpa/sign/{token}",
        Expires = new DateTimeOffset(linkExpiresAtUtc, TimeSpan.Zero),
        IsEssential = true,
    };

    private static Task<SignatureCode?> NewestAsync(AppDbContext db, Guid requestId, CancellationToken cancellationToken) =>
        db.SignatureCodes.AsNoTracking().Where(c => c.SignatureRequestId == requestId)
            .OrderByDescending(c => c.Sequence).FirstOrDefaultAsync(cancellationToken);

    private static async Task<SignatureCode?> VerifiedAsync(AppDbContext db, Guid requestId, string? browserSecret, CancellationToken cancellationToken)
    {
        if (!SignatoryCopies.IsWellFormed(browserSecret))
        {
            return null;
        }
        var hash = SignatoryCopies.Hash(browserSecret);
        // Compares hashes of a 256-bit secret: its timing reveals nothing an attacker could build on.
        var code = await db.SignatureCodes.AsNoTracking()
            .FirstOrDefaultAsync(c => c.SignatureRequestId == requestId && c.BrowserHash == hash && c.VerifiedAtUtc != null, cancellationToken);
        return code?.BrowserHash is { } stored && SignatoryCopies.SameHash(stored, hash) ? code : null;
    }

    private bool IsLive(SignatureCode code, DateTime now) => Unusable(code, now) is null;

    private string? Unusable(SignatureCode code, DateTime now) =>
        code.VerifiedAtUtc is not null ? "This code has already been used. Request a new code."
        : code.Attempts >= Options.SignatureCodeAttempts ? "This code has been tried too many times. Request a new code."
        : code.ExpiresAtUtc <= now ? "This code has expired. Request a new code."
        : null;

    /// <summary>Six ASCII digits, allowing the spaces or a dash people type between groups; null for anything else.</summary>
    internal static string? Normalize(string? input)
    {
        if (input is null || input.Length > 20)
        {
            return null;
        }
        var digits = new string(input.Where(c => c is not (' ' or '-' or '\u00A0')).ToArray());
        return digits.Length == 6 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    private static string Hash(Guid codeId, string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{codeId:N}:{code}")));

    private static AuditActor Actor(PendingSignature pending, string? ipAddress) => new(null, pending.Draft.SignatoryEmail.Trim(), ipAddress);

    private static string Minutes(TimeSpan span) => Plural((int)Math.Round(span.TotalMinutes), "minute");

    private static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
}

/// <summary>
/// Where a link's signatory stands: <see cref="VerifiedCodeId"/> when this browser entered a code, else when the newest
/// usable code expires (null when there is none).
/// </summary>
public sealed record SignatoryCodeState(Guid? VerifiedCodeId, DateTime? VerifiedAtUtc, DateTime? LiveCodeExpiresAtUtc)
{
    public bool Verified => VerifiedCodeId is not null;
}

/// <summary>A code sent or verified, or why not.</summary>
public sealed record SignatoryCodeResult(string? Error, DateTime? ExpiresAtUtc, Guid? CodeId, DateTime? VerifiedAtUtc, string? BrowserSecret)
{
    public bool Succeeded => Error is null;

    public static SignatoryCodeResult Sent(DateTime expiresAtUtc) => new(null, expiresAtUtc, null, null, null);

    /// <summary>The code is verified; <see cref="BrowserSecret"/> goes into this browser's cookie for the link.</summary>
    public static SignatoryCodeResult Verified(Guid codeId, DateTime verifiedAtUtc, string browserSecret) => new(null, null, codeId, verifiedAtUtc, browserSecret);

    public static SignatoryCodeResult Refused(string message) => new(message, null, null, null, null);
}
