using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace TrustPortal.Web.Security;

/// <summary>How many attempts each client gets per window (section "RateLimiting").</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimiting";

    public int SignInPerMinute { get; set; } = 10;
    /// <summary>
    /// Per network address, across the forms that send email (registration, password reset, sign-in links, resending the
    /// confirmation, subscribing): a ceiling against one machine trying many addresses, high enough for a company gateway.
    /// </summary>
    public int RegisterPerHour { get; set; } = 200;
    /// <summary>Per email address typed into registration, password reset or resending the confirmation.</summary>
    public int EmailFormsPerAddressPerHour { get; set; } = 5;
    public int VerifyPerMinute { get; set; } = 20;
    /// <summary>DPA and BAA submissions, signatures and forwards per signed-in user.</summary>
    public int SubmissionsPerHour { get; set; } = 20;
    /// <summary>Downloads through signatories' emailed copy links (<c>GET /dpa/copy/...</c>) and of library documents (<c>GET /documents/{id}/download</c>), found or not, per client address.</summary>
    public int SignatoryDownloadsPerMinute { get; set; } = 30;
    /// <summary>REST API requests (<c>/api/v1</c>) per token.</summary>
    public int ApiPerMinute { get; set; } = 120;
    /// <summary>
    /// REST API requests per client address, counted before the token is checked: a ceiling on guessing tokens or
    /// flooding the token lookup from one machine, well above what the per-token budgets of one gateway add up to.
    /// </summary>
    public int ApiPerAddressPerMinute { get; set; } = 1200;
}

/// <summary>
/// Slows down guessing and flooding: sign-in, registration, password reset and sign-in links per client address, signatory
/// copy downloads per address, verification uploads per address, agreement submissions per user. A refused request gets 429 and a sentence saying when to retry.
/// </summary>
public static class RateLimiting
{
    private static readonly (string Path, string Name)[] FormPosts =
    [
        ("/Account/Login", "sign-in"),
        ("/Account/LoginWith2fa", "sign-in"),
        ("/Account/LoginWithRecoveryCode", "sign-in"),
        ("/Account/LoginWithLink", "sign-in"),
        // Each request may send an email, so it counts with registration.
        ("/Account/LoginLink", "register"),
        ("/Account/Register", "register"),
        ("/Account/ForgotPassword", "register"),
        ("/Account/ResendEmailConfirmation", "register"),
        ("/subprocessors/subscribe", "register"),
        // Each request for a document link may send an email; using the link signs a viewer in.
        ("/documents/access", "register"),
        ("/documents/signin", "sign-in"),
    ];

    /// <summary>The signatory's download links (<see cref="Features.Dpa.SignatoryCopies"/>): GETs, each one a database read and an audit event.</summary>
    private const string SignatoryCopyPath = "/dpa/copy";

    /// <summary>The REST API, which also counts per token once the token is known (<c>ApiLimiter</c>).</summary>
    private const string ApiPath = "/api/v1";

    public static void AddPortalRateLimiting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().Bind(builder.Configuration.GetSection(RateLimitOptions.Section));
        builder.Services.AddSingleton<SubmissionLimiter>();
        builder.Services.AddSingleton<VerifyLimiter>();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                var name = context.Request.Path.StartsWithSegments(ApiPath, StringComparison.OrdinalIgnoreCase) ? "api"
                    : HttpMethods.IsPost(context.Request.Method)
                    ? FormPosts.FirstOrDefault(p => context.Request.Path.Equals(p.Path, StringComparison.OrdinalIgnoreCase)).Name
                    : HttpMethods.IsGet(context.Request.Method) && IsWatermarkedDownload(context.Request.Path)
                        ? "signatory-copy"
                        : null;
                var (permits, window) = name switch
                {
                    "sign-in" => (limits.SignInPerMinute, TimeSpan.FromMinutes(1)),
                    "register" => (limits.RegisterPerHour, TimeSpan.FromHours(1)),
                    "signatory-copy" => (limits.SignatoryDownloadsPerMinute, TimeSpan.FromMinutes(1)),
                    "api" => (limits.ApiPerAddressPerMinute, TimeSpan.FromMinutes(1)),
                    _ => (0, TimeSpan.Zero),
                };
                if (name is null)
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter($"{name}:{client}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = window,
                    QueueLimit = 0,
                });
            });
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var response = rejected.HttpContext.Response;
                var retry = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var message = $"Too many attempts. Please wait {Describe(retry)} and try again.";
                if (rejected.HttpContext.Request.Path.StartsWithSegments(ApiPath))
                {
                    await response.WriteAsJsonAsync(new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = response.StatusCode, Title = "Too many requests", Detail = message },
                        (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", cancellationToken);
                    return;
                }
                if (rejected.HttpContext.Request.Path.StartsWithSegments("/api"))
                {
                    await response.WriteAsJsonAsync(new { authentic = false, reason = message }, cancellationToken);
                    return;
                }
                response.ContentType = "text/html; charset=utf-8";
                await response.WriteAsync($"<!DOCTYPE html><html lang=\"en\"><head><title>Too many attempts</title></head><body><main><h1>Too many attempts</h1><p>{message}</p></main></body></html>", cancellationToken);
            };
        });
    }

    /// <summary>
    /// Downloads that do work per request: a signatory's copy (a database read and an audit event) and a library
    /// document (watermarked for its reader, anonymous ones included). They share one per-address limit.
    /// </summary>
    private static bool IsWatermarkedDownload(PathString path) =>
        path.StartsWithSegments(SignatoryCopyPath, StringComparison.OrdinalIgnoreCase)
        || (path.StartsWithSegments("/documents", StringComparison.OrdinalIgnoreCase) && path.Value!.EndsWith("/download", StringComparison.OrdinalIgnoreCase));

    internal static string Describe(TimeSpan wait) =>
        wait.TotalMinutes >= 2 ? $"{Math.Ceiling(wait.TotalMinutes):0} minutes"
        : wait.TotalSeconds > 60 ? "a minute or two"
        : wait.TotalSeconds <= 1 ? "a second"
        : $"{Math.Ceiling(wait.TotalSeconds):0} seconds";
}

/// <summary>Per-user limit on agreement submissions made through interactive pages, where there is no HTTP request to refuse.</summary>
public sealed class SubmissionLimiter(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(user =>
        RateLimitPartition.GetFixedWindowLimiter(user, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.Value.SubmissionsPerHour),
            Window = TimeSpan.FromHours(1),
            QueueLimit = 0,
        }));

    /// <summary>Null when the user may go ahead; otherwise the message to show.</summary>
    public string? TryAcquire(string userId)
    {
        using var lease = limiter.AttemptAcquire(userId);
        if (lease.IsAcquired)
        {
            return null;
        }
        var retry = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromHours(1);
        return $"You have submitted many requests in a short time. Please wait {RateLimiting.Describe(retry)} and try again.";
    }

    public void Dispose() => limiter.Dispose();
}

/// <summary>
/// Verification uploads per client address, shared by <c>POST /api/verify</c> and the interactive <c>/verify</c> page
/// (whose uploads travel over the circuit, where the HTTP rate limiter never sees them): one budget for both doors.
/// </summary>
public sealed class VerifyLimiter(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.Value.VerifyPerMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>Null when the client may go ahead; otherwise how long to wait.</summary>
    public TimeSpan? TryAcquire(string? client)
    {
        using var lease = limiter.AttemptAcquire(client ?? "unknown");
        if (lease.IsAcquired)
        {
            return null;
        }
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
    }

    public static string Message(TimeSpan wait) => $"Too many attempts. Please wait {RateLimiting.Describe(wait)} and try again.";

    public void Dispose() => limiter.Dispose();
}
