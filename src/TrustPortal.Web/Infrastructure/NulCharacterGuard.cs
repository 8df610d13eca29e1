namespace TrustPortal.Web.Infrastructure;

/// <summary>
/// Answers 400 to a request whose path or query holds a NUL character (%00). No page or endpoint takes one, PostgreSQL
/// cannot store one in text, and SQLite cuts strings at it: refusing at the door keeps every provider's answer the same
/// and no such value reaches a query.
/// </summary>
public static class NulCharacterGuard
{
    public static IApplicationBuilder UseNulCharacterGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // The path arrives decoded (a NUL character), the query string as sent (%00); the query is not parsed here.
            var request = context.Request;
            if (request.Path.Value?.Contains('\0', StringComparison.Ordinal) == true
                || request.QueryString.Value?.Contains("%00", StringComparison.Ordinal) == true)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            await next(context);
        });
}
