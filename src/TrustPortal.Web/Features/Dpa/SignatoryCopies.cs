using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Dpa;

/// <summary>
/// The sealed PDF for a signatory who signed from an emailed link and has no account. Executing the request issues a
/// random token (only its SHA-256 is stored) that downloads that one agreement until it expires. The first download
/// binds the link to that browser with a second secret in a cookie (also stored hashed); after that, anyone without
/// the cookie, including the owning organization's members, gets the same 404 as for a token that never existed.
/// Everything lives in the database, so any portal instance can answer.
/// </summary>
public sealed class SignatoryCopies(IDbContextFactory<AppDbContext> dbFactory, AuditTrail audit, TimeProvider clock)
{
    public const string PathPrefix = "/dpa/copy";

    /// <summary>One cookie name for every link; each cookie's path is its own link, so browsers keep them apart.</summary>
    public const string CookieName = "TrustPortal.SignatoryCopy";

    public const string DownloadedAction = "agreement.signatory-downloaded";

    /// <summary>A 256-bit secret, base64url: 43 characters, safe in a path and in a cookie.</summary>
    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string PathFor(string token) => $"{PathPrefix}/{token}";

    internal static string Hash(string secret) => SecretTokens.Hash(secret);

    /// <summary>
    /// The agreement's PDF when <paramref name="token"/> is live and this browser holds the link (or is the first to use
    /// it); otherwise null, whatever the reason, so a caller learns nothing about other links.
    /// </summary>
    public async Task<SignatoryCopy?> DownloadAsync(string? token, string? browserSecret, string? ipAddress, CancellationToken cancellationToken = default)
    {
        if (!IsWellFormed(token))
        {
            return null;
        }
        var tokenHash = Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The lookup compares hashes of a 256-bit secret: its timing can reveal nothing an attacker could build on.
        var request = await db.SignatureRequests
            .FirstOrDefaultAsync(r => r.CopyTokenHash == tokenHash && r.AgreementId != null, cancellationToken);
        if (request?.CopyTokenHash is null || request.AgreementId is not { } agreementId
            || !SameHash(request.CopyTokenHash, tokenHash) || request.CopyExpiresAtUtc is not { } expires || expires <= now)
        {
            return null;
        }
        string? newBrowserSecret = null;
        if (request.CopyBrowserHash is null)
        {
            newBrowserSecret = NewSecret();
            request.CopyBrowserHash = Hash(newBrowserSecret);
        }
        else if (!IsWellFormed(browserSecret) || !SameHash(request.CopyBrowserHash, Hash(browserSecret)))
        {
            return null;
        }
        var file = await db.Agreements.AsNoTracking().Where(a => a.Id == agreementId)
            .Join(db.AgreementDocuments, a => a.Id, d => d.AgreementId, (a, d) => new { a.Number, d.Content })
            .FirstOrDefaultAsync(cancellationToken);
        if (file is null)
        {
            return null;
        }
        audit.Record(db, new AuditActor(null, request.SignatoryEmail, ipAddress), DownloadedAction, nameof(Agreement), agreementId.ToString(),
            new { number = file.Number, signatureRequestId = request.Id, boundToThisBrowser = newBrowserSecret is not null });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another browser opened the link at the same moment and holds it now.
            return null;
        }
        return new SignatoryCopy(file.Number, file.Content, newBrowserSecret, expires);
    }

    /// <summary>A secret as <see cref="NewSecret"/> makes them; anything else is not looked up.</summary>
    internal static bool IsWellFormed([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? secret) =>
        secret is { Length: 43 } && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Compares two hex hashes in constant time.</summary>
    internal static bool SameHash(string stored, string computed) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(computed));
}

/// <summary>A downloaded copy; <see cref="NewBrowserSecret"/> is set when this download bound the link to the browser.</summary>
public sealed record SignatoryCopy(string Number, byte[] Content, string? NewBrowserSecret, DateTime ExpiresAtUtc);

public static class SignatoryCopyEndpoint
{
    public static void MapSignatoryCopyEndpoint(this IEndpointRouteBuilder app) =>
        // The emailed link is the credential (with the cookie once used), so no sign-in; the global limiter caps tries per address.
        app.MapGet($"{SignatoryCopies.PathPrefix}/{{token}}", DownloadAsync).AllowAnonymous();

    private static async Task<IResult> DownloadAsync(string token, SignatoryCopies copies, HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        var copy = await copies.DownloadAsync(token, context.Request.Cookies[SignatoryCopies.CookieName],
            context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
        if (copy is null)
        {
            return Results.NotFound();
        }
        if (copy.NewBrowserSecret is { } secret)
        {
            context.Response.Cookies.Append(SignatoryCopies.CookieName, secret, new CookieOptions
            {
                HttpOnly = true,
                Secure = context.Request.IsHttps,
                // Lax, not Strict: a click in a webmail tab is a cross-site navigation, and Strict would leave the cookie
                // behind, locking the signatory out of their own link. Lax still withholds it from cross-site subrequests.
                SameSite = SameSiteMode.Lax,
                Path = SignatoryCopies.PathFor(token),
                Expires = new DateTimeOffset(copy.ExpiresAtUtc, TimeSpan.Zero),
                IsEssential = true,
            });
        }
        return Results.File(copy.Content, "application/pdf", $"{copy.Number}.pdf");
    }
}
