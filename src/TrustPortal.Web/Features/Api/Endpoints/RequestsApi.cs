using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Baa;

namespace TrustPortal.Web.Features.Api.Endpoints;

/// <summary>GET /api/v1/requests/baa and /requests/data-retention (with /{id}): the reviewed requests, by reference.</summary>
public static class RequestsApi
{
    private const string Filters = "Filters: organizationId (staff), status (submitted, inReview, informationRequested, approved, rejected, awaitingCountersignature, executed).";

    public static void MapRequestsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/requests/baa", ListBaaAsync).RequireScope(ApiScopes.RequestsRead).WithName("listBaaRequests")
            .WithSummary("BAA requests, by reference").WithDescription(Filters)
            .Produces<ApiPage<ApiBaaRequest>>().ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/requests/baa/{id}", GetBaaAsync).RequireScope(ApiScopes.RequestsRead).WithName("getBaaRequest")
            .WithSummary("One BAA request").Produces<ApiBaaRequest>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/requests/data-retention", ListRetentionAsync).RequireScope(ApiScopes.RequestsRead).WithName("listDataRetentionRequests")
            .WithSummary("Data-retention requests, by reference").WithDescription(Filters)
            .Produces<ApiPage<ApiDataRetentionRequest>>().ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/requests/data-retention/{id}", GetRetentionAsync).RequireScope(ApiScopes.RequestsRead).WithName("getDataRetentionRequest")
            .WithSummary("One data-retention request").Produces<ApiDataRetentionRequest>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListBaaAsync(ClaimsPrincipal user, IDbContextFactory<AppDbContext> dbFactory, string? organizationId, string? status,
        string? cursor, string? limit, CancellationToken cancellationToken)
    {
        var (filter, problem) = Read(organizationId, status, cursor, limit);
        if (problem is not null)
        {
            return ApiProblems.BadRequest(problem);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var requests = Visible(db.BaaRequests.AsNoTracking(), ApiCaller.From(user), r => r.OrganizationId);
        if (filter.Organization is { } org)
        {
            requests = requests.Where(r => r.OrganizationId == org);
        }
        if (filter.Status is { } s)
        {
            requests = requests.Where(r => r.Status == s);
        }
        var after = filter.After;
        var rows = await requests.Where(r => r.Reference > after).OrderBy(r => r.Reference).Take(filter.Size + 1).ToListAsync(cancellationToken);
        return Results.Ok(Page(rows.Select(ToApi).ToList(), filter.Size, r => r.Reference));
    }

    private static async Task<IResult> GetBaaAsync(ClaimsPrincipal user, IDbContextFactory<AppDbContext> dbFactory, string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var requestId))
        {
            return ApiProblems.NotFound("BAA request");
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await Visible(db.BaaRequests.AsNoTracking(), ApiCaller.From(user), r => r.OrganizationId).FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        return request is null ? ApiProblems.NotFound("BAA request") : Results.Ok(ToApi(request));
    }

    private static async Task<IResult> ListRetentionAsync(ClaimsPrincipal user, IDbContextFactory<AppDbContext> dbFactory, string? organizationId, string? status,
        string? cursor, string? limit, CancellationToken cancellationToken)
    {
        var (filter, problem) = Read(organizationId, status, cursor, limit);
        if (problem is not null)
        {
            return ApiProblems.BadRequest(problem);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var requests = Visible(db.DataRetentionRequests.AsNoTracking(), ApiCaller.From(user), r => r.OrganizationId);
        if (filter.Organization is { } org)
        {
            requests = requests.Where(r => r.OrganizationId == org);
        }
        if (filter.Status is { } s)
        {
            requests = requests.Where(r => r.Status == s);
        }
        var after = filter.After;
        var rows = await requests.Where(r => r.Reference > after).OrderBy(r => r.Reference).Take(filter.Size + 1).ToListAsync(cancellationToken);
        return Results.Ok(Page(rows.Select(ToApi).ToList(), filter.Size, r => r.Reference));
    }

    private static async Task<IResult> GetRetentionAsync(ClaimsPrincipal user, IDbContextFactory<AppDbContext> dbFactory, string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var requestId))
        {
            return ApiProblems.NotFound("data-retention request");
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await Visible(db.DataRetentionRequests.AsNoTracking(), ApiCaller.From(user), r => r.OrganizationId)
            .FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        return request is null ? ApiProblems.NotFound("data-retention request") : Results.Ok(ToApi(request));
    }

    private sealed record RequestFilter(Guid? Organization, BaaStatus? Status, int After, int Size);

    private static (RequestFilter Filter, string? Problem) Read(string? organizationId, string? status, string? cursor, string? limit)
    {
        var query = new ApiQuery();
        var organization = query.Id("organizationId", organizationId);
        var statusValue = query.Enum<BaaStatus>("status", status);
        var size = query.Limit(limit);
        var after = 0;
        if (query.Cursor(cursor, 1) is { } values && !int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            query.Fail("'cursor' is not a cursor this endpoint issued: pass the nextCursor of the previous page unchanged.");
        }
        return (new RequestFilter(organization, statusValue, after, size), query.Problem);
    }

    private static IQueryable<T> Visible<T>(IQueryable<T> requests, ApiCaller caller, System.Linq.Expressions.Expression<Func<T, Guid>> organizationOf)
    {
        if (caller.OrganizationId is not { } own)
        {
            return requests;
        }
        var parameter = organizationOf.Parameters[0];
        var body = System.Linq.Expressions.Expression.Equal(organizationOf.Body, System.Linq.Expressions.Expression.Constant(own));
        return requests.Where(System.Linq.Expressions.Expression.Lambda<Func<T, bool>>(body, parameter));
    }

    private static ApiPage<T> Page<T>(List<T> items, int size, Func<T, int> reference) =>
        new(items.Take(size).ToList(), items.Count > size ? ApiQuery.EncodeCursor(reference(items[size - 1]).ToString(CultureInfo.InvariantCulture)) : null);

    private static ApiBaaRequest ToApi(BaaRequest r) => new(r.Id, r.Reference, r.OrganizationId, ApiNames.Of(r.Status), r.Customer.LegalName, ApiNames.Of(r.Role),
        r.ZeroDataRetentionRequired, r.GoLiveDate, r.SubmittedAtUtc, r.ResponseDueAtUtc, r.UpdatedAtUtc, r.DecisionReason, r.DecidedAtUtc, r.SignedAtUtc,
        r.CountersignedAtUtc, r.AgreementId);

    private static ApiDataRetentionRequest ToApi(DataRetention.DataRetentionRequest r) => new(r.Id, r.Reference, r.OrganizationId, ApiNames.Of(r.Status),
        r.Customer.LegalName, ApiNames.Of(r.Retention), r.RetentionDays, r.SubmittedAtUtc, r.ResponseDueAtUtc, r.UpdatedAtUtc, r.DecisionReason, r.DecidedAtUtc,
        r.SignedAtUtc, r.CountersignedAtUtc, r.AgreementId);
}
