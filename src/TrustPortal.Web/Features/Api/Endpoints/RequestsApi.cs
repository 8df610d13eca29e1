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

    private static Task<IResult> ListBaaAsync(ClaimsPrincipal user, IDbContextFactory<AppDbContext> dbFactory, string? organizationId, string? status,
        string? cursor, string? limit, CancellationToken cancellationToken) =>
        ListAsync(user, dbFactory, db => db.BaaRequests, ToApi, organizationId, status, cursor, limit, cancellationToken);

    private static Task<IResult> GetBaaAsync(ClaimsPrincipal user, IDbContextFactory<AppDbContext> dbFactory, string id, CancellationToken cancellationToken) =>
        GetAsync(user, dbFactory, db => db.BaaRequests, ToApi, "BAA request", id, cancellationToken);

    private static Task<IResult> ListRetentionAsync(ClaimsPrincipal user, IDbContextFactory<AppDbContext> dbFactory, string? organizationId, string? status,
        string? cursor, string? limit, CancellationToken cancellationToken) =>
        ListAsync(user, dbFactory, db => db.DataRetentionRequests, ToApi, organizationId, status, cursor, limit, cancellationToken);

    private static Task<IResult> GetRetentionAsync(ClaimsPrincipal user, IDbContextFactory<AppDbContext> dbFactory, string id, CancellationToken cancellationToken) =>
        GetAsync(user, dbFactory, db => db.DataRetentionRequests, ToApi, "data-retention request", id, cancellationToken);

    /// <summary>One page of the caller's requests of one type, by reference: every type pages, filters and hides alike.</summary>
    private static async Task<IResult> ListAsync<TRequest, TApi>(ClaimsPrincipal user, IDbContextFactory<AppDbContext> dbFactory,
        Func<AppDbContext, IQueryable<TRequest>> source, Func<TRequest, TApi> toApi, string? organizationId, string? status, string? cursor, string? limit,
        CancellationToken cancellationToken) where TRequest : ReviewedRequest
    {
        var (filter, problem) = Read(organizationId, status, cursor, limit);
        if (problem is not null)
        {
            return ApiProblems.BadRequest(problem);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var requests = Visible(source(db).AsNoTracking(), ApiCaller.From(user));
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
        return Results.Ok(Page(rows, filter.Size, toApi));
    }

    private static async Task<IResult> GetAsync<TRequest, TApi>(ClaimsPrincipal user, IDbContextFactory<AppDbContext> dbFactory,
        Func<AppDbContext, IQueryable<TRequest>> source, Func<TRequest, TApi> toApi, string what, string id, CancellationToken cancellationToken)
        where TRequest : ReviewedRequest
    {
        if (!Guid.TryParse(id, out var requestId))
        {
            return ApiProblems.NotFound(what);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await Visible(source(db).AsNoTracking(), ApiCaller.From(user)).FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        return request is null ? ApiProblems.NotFound(what) : Results.Ok(toApi(request));
    }

    private sealed record RequestFilter(Guid? Organization, BaaStatus? Status, int After, int Size);

    private static (RequestFilter Filter, string? Problem) Read(string? organizationId, string? status, string? cursor, string? limit)
    {
        var query = new ApiQuery();
        var organization = query.Id("organizationId", organizationId);
        var statusValue = query.Enum<BaaStatus>("status", status);
        var size = query.Limit(limit);
        var number = query.CursorNumber(query.Cursor(cursor, 1)) ?? 0;
        if (number > int.MaxValue)
        {
            query.Fail(ApiQuery.BadCursor);
        }
        var after = (int)Math.Min(number, int.MaxValue);
        return (new RequestFilter(organization, statusValue, after, size), query.Problem);
    }

    /// <summary>A customer's token sees its own organization's requests only; a staff token sees all.</summary>
    private static IQueryable<T> Visible<T>(IQueryable<T> requests, ApiCaller caller) where T : ReviewedRequest =>
        caller.OrganizationId is { } own ? requests.Where(r => r.OrganizationId == own) : requests;

    private static ApiPage<TApi> Page<TRequest, TApi>(List<TRequest> rows, int size, Func<TRequest, TApi> toApi) where TRequest : ReviewedRequest =>
        new(rows.Take(size).Select(toApi).ToList(), rows.Count > size ? ApiQuery.EncodeCursor(rows[size - 1].Reference.ToString(CultureInfo.InvariantCulture)) : null);

    private static ApiBaaRequest ToApi(BaaRequest r) => new(r.Id, r.Reference, r.OrganizationId, ApiNames.Of(r.Status), r.Customer.LegalName, ApiNames.Of(r.Role),
        r.ZeroDataRetentionRequired, r.GoLiveDate, r.SubmittedAtUtc, r.ResponseDueAtUtc, r.UpdatedAtUtc, r.DecisionReason, r.DecidedAtUtc, r.SignedAtUtc,
        r.CountersignedAtUtc, r.AgreementId);

    private static ApiDataRetentionRequest ToApi(DataRetention.DataRetentionRequest r) => new(r.Id, r.Reference, r.OrganizationId, ApiNames.Of(r.Status),
        r.Customer.LegalName, ApiNames.Of(r.Retention), r.RetentionDays, r.SubmittedAtUtc, r.ResponseDueAtUtc, r.UpdatedAtUtc, r.DecisionReason, r.DecidedAtUtc,
        r.SignedAtUtc, r.CountersignedAtUtc, r.AgreementId);
}
