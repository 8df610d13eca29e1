using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Features.Api;

/// <summary>
/// A failure while answering an API call is a JSON problem, in every environment, never the portal's HTML error page:
/// 503 with Retry-After when the database stayed locked (nothing was written, the client can try again), else 500 with
/// a reference to quote and nothing of the exception itself. It wraps the whole pipeline of /api/v1, token lookup
/// included, so it is added before every other middleware.
/// </summary>
public static class ApiErrors
{
    private const int RetryAfterSeconds = 5;

    public static void UseApiErrors(this WebApplication app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api/v1"), branch => branch.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                var busy = DatabaseBusy.Is(ex);
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiErrors));
                logger.LogError(ex, "API call {Method} {Path} failed ({Reference}).", context.Request.Method, context.Request.Path, context.TraceIdentifier);
                context.Response.Clear();
                if (busy)
                {
                    context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                context.Response.Headers.CacheControl = "no-store";
                await Results.Problem(
                    statusCode: busy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
                    title: busy ? "Busy" : "Server error",
                    detail: busy
                        ? $"The portal is busy and nothing was changed. Please try again in {RetryAfterSeconds} seconds."
                        : "The request failed on our side. Please try again; if it keeps failing, contact us and quote the reference.",
                    extensions: new Dictionary<string, object?> { ["reference"] = context.TraceIdentifier }).ExecuteAsync(context);
            }
        }));
}
