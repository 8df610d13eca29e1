using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Api;

/// <summary>
/// Requests per token per minute (<c>RateLimiting:ApiPerMinute</c>). The HTTP rate limiter runs before authentication,
/// where a token is only an unverified header, so the budget is taken after it: keyed by the verified token, one
/// budget however many addresses share it.
/// </summary>
public sealed class ApiLimiter(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<Guid> limiter = PartitionedRateLimiter.Create<Guid, Guid>(token =>
        RateLimitPartition.GetFixedWindowLimiter(token, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.Value.ApiPerMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>Null when the token may go ahead; otherwise how long to wait.</summary>
    public TimeSpan? TryAcquire(Guid tokenId)
    {
        using var lease = limiter.AttemptAcquire(tokenId);
        if (lease.IsAcquired)
        {
            return null;
        }
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => limiter.Dispose();
}

/// <summary>Every /api/v1 answer: rate-limited per token, never cached, errors as problem details rather than the HTML not-found page.</summary>
internal sealed class ApiResponseFilter(ApiLimiter limiter) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        http.Response.Headers.CacheControl = "no-store";
        if (http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }
        if (limiter.TryAcquire(ApiCaller.From(http.User).TokenId) is { } wait)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                detail: $"This token has made too many requests. Please wait {RateLimiting.Describe(wait)} and try again.");
        }
        return await next(context);
    }
}
