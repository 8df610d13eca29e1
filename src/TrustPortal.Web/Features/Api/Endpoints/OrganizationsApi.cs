using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Features.Api.Endpoints;

/// <summary>GET /api/v1/organizations and /{id}: customer organizations, for staff tokens (Sales, Legal).</summary>
public static class OrganizationsApi
{
    public static void MapOrganizationsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/organizations", ListAsync).RequireScope(ApiScopes.OrganizationsRead).WithName("listOrganizations")
            .WithSummary("Customer organizations, by name").Produces<ApiPage<ApiOrganization>>().ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/organizations/{id}", GetAsync).RequireScope(ApiScopes.OrganizationsRead).WithName("getOrganization")
            .WithSummary("One organization").Produces<ApiOrganization>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(IDbContextFactory<AppDbContext> dbFactory, string? cursor, string? limit, CancellationToken cancellationToken)
    {
        var query = new ApiQuery();
        var size = query.Limit(limit);
        var skip = ApiOffset.Read(query, cursor);
        if (query.Problem is { } problem)
        {
            return ApiProblems.BadRequest(problem);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var items = await db.Organizations.AsNoTracking().OrderBy(o => o.Name).ThenBy(o => o.CreatedAtUtc).ThenBy(o => o.Id)
            .Skip(skip).Take(size + 1)
            .Select(o => new ApiOrganization(o.Id, o.Name, o.CreatedAtUtc))
            .ToListAsync(cancellationToken);
        return Results.Ok(ApiOffset.Page(items, skip, size));
    }

    private static async Task<IResult> GetAsync(IDbContextFactory<AppDbContext> dbFactory, string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var organizationId))
        {
            return ApiProblems.NotFound("organization");
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId)
            .Select(o => new ApiOrganization(o.Id, o.Name, o.CreatedAtUtc)).FirstOrDefaultAsync(cancellationToken);
        return organization is null ? ApiProblems.NotFound("organization") : Results.Ok(organization);
    }
}

/// <summary>Cursors for short lists ordered by a stable key that is not unique on its own: the position of the next page.</summary>
internal static class ApiOffset
{
    public static int Read(ApiQuery query, string? cursor)
    {
        var values = query.Cursor(cursor, 1);
        if (values is null)
        {
            return 0;
        }
        if (int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var skip) && skip <= 1_000_000)
        {
            return skip;
        }
        query.Fail(ApiQuery.BadCursor);
        return 0;
    }

    public static ApiPage<T> Page<T>(List<T> items, int skip, int size) =>
        new(items.Take(size).ToList(), items.Count > size ? ApiQuery.EncodeCursor((skip + size).ToString(CultureInfo.InvariantCulture)) : null);
}
