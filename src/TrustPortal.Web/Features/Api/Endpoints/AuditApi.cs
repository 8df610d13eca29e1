using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Features.Api.Endpoints;

/// <summary>GET /api/v1/audit-events: the audit trail in chain order, for Legal and Admin tokens.</summary>
public static class AuditApi
{
    private const int ActionMaxLength = 100;

    public static void MapAuditApi(this RouteGroupBuilder api) =>
        api.MapGet("/audit-events", ListAsync).RequireScope(ApiScopes.AuditRead).WithName("listAuditEvents")
            .WithSummary("Audit events in chain order (oldest first)")
            .WithDescription("Filters: action (an exact action or a prefix such as 'baa.'), entityType, from and to (yyyy-MM-dd, UTC, inclusive).")
            .Produces<ApiPage<ApiAuditEvent>>().ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<IResult> ListAsync(IDbContextFactory<AppDbContext> dbFactory, string? action, string? entityType, string? from, string? to,
        string? cursor, string? limit, CancellationToken cancellationToken)
    {
        var query = new ApiQuery();
        var fromDate = query.Date("from", from);
        var toDate = query.Date("to", to);
        if (fromDate > toDate)
        {
            query.Fail("'from' is after 'to'.");
        }
        if (action?.Length > ActionMaxLength || entityType?.Length > ActionMaxLength)
        {
            query.Fail($"'action' and 'entityType' can be at most {ActionMaxLength} characters.");
        }
        var size = query.Limit(limit);
        var after = query.CursorNumber(query.Cursor(cursor, 1)) ?? 0;
        if (query.Problem is { } problem)
        {
            return ApiProblems.BadRequest(problem);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var events = db.AuditEvents.AsNoTracking().Where(e => e.Sequence > after);
        if (!string.IsNullOrWhiteSpace(action))
        {
            var prefix = action.Trim();
            events = events.Where(e => e.Action.StartsWith(prefix));
        }
        if (!string.IsNullOrWhiteSpace(entityType))
        {
            var type = entityType.Trim();
            events = events.Where(e => e.EntityType == type);
        }
        if (fromDate is { } f)
        {
            var fromUtc = f.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            events = events.Where(e => e.OccurredAtUtc >= fromUtc);
        }
        if (toDate is { } t)
        {
            var toUtc = t.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            events = events.Where(e => e.OccurredAtUtc < toUtc);
        }
        var rows = await events.OrderBy(e => e.Sequence).Take(size + 1).ToListAsync(cancellationToken);
        var items = rows.Take(size).Select(e => new ApiAuditEvent(e.Sequence, e.OccurredAtUtc, e.ActorId, e.ActorName, e.Action, e.EntityType, e.EntityId,
            ParseData(e.Data), e.IpAddress, e.Hash)).ToList();
        var next = rows.Count > size ? ApiQuery.EncodeCursor(rows[size - 1].Sequence.ToString(CultureInfo.InvariantCulture)) : null;
        return Results.Ok(new ApiPage<ApiAuditEvent>(items, next));
    }

    private static JsonElement ParseData(string data)
    {
        try
        {
            return JsonSerializer.Deserialize<JsonElement>(data);
        }
        catch (JsonException)
        {
            // An event's data is always JSON; should one not be, it is passed on as a string rather than failing the page.
            return JsonSerializer.SerializeToElement(data);
        }
    }
}
