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
            var request = context.Request;
            if (HasNul(request.Path.Value) || HasNul(request.QueryString.Value) || request.Query.Any(q => q.Key.Contains('\0', StringComparison.Ordinal)
                || q.Value.Any(v => v is not null && v.Contains('\0', StringComparison.Ordinal))))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            await next(context);
        });

    private static bool HasNul(string? value) =>
        value is not null && (value.Contains('\0', StringComparison.Ordinal) || value.Contains("%00", StringComparison.Ordinal));
}
