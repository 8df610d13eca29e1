using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Features.Api.Endpoints;

/// <summary>GET /api/v1/elections: every signed data-sharing (model training) election, oldest first.</summary>
public static class ElectionsApi
{
    public static void MapElectionsApi(this RouteGroupBuilder api) =>
        api.MapGet("/elections", ListAsync).RequireScope(ApiScopes.ElectionsRead).WithName("listElections")
            .WithSummary("Data-sharing elections, oldest first")
            .WithDescription("Filter: organizationId (staff). An organization's newest revision is the election in force; with none it is off.")
            .Produces<ApiPage<ApiElection>>().ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, IDbContextFactory<AppDbContext> dbFactory, string? organizationId, string? cursor,
        string? limit, CancellationToken cancellationToken)
    {
        var query = new ApiQuery();
        var organization = query.Id("organizationId", organizationId);
        var size = query.Limit(limit);
        var after = query.Cursor(cursor, 2);
        _ = query.CursorNumber(after);
        if (query.Problem is { } problem)
        {
            return ApiProblems.BadRequest(problem);
        }
        var caller = ApiCaller.From(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var elections = db.DataSharingElections.AsNoTracking();
        if (caller.OrganizationId is { } own)
        {
            elections = elections.Where(e => e.OrganizationId == own);
        }
        if (organization is { } org)
        {
            elections = elections.Where(e => e.OrganizationId == org);
        }
        if (after is not null)
        {
            var time = new DateTime(long.Parse(after[0], CultureInfo.InvariantCulture), DateTimeKind.Utc);
            var number = after[1];
            // Each election has its own agreement, so the number breaks ties uniquely.
            elections = elections.Where(e => e.ElectedAtUtc > time || (e.ElectedAtUtc == time && e.AgreementNumber.CompareTo(number) > 0));
        }
        var items = await elections.OrderBy(e => e.ElectedAtUtc).ThenBy(e => e.AgreementNumber).Take(size + 1)
            .Select(e => new ApiElection(e.Id, e.OrganizationId, e.Revision, e.OptedIn, e.ElectedAtUtc, e.EffectiveFromUtc, e.AgreementId, e.AgreementNumber,
                e.CommitmentsVersion, e.SignerName))
            .ToListAsync(cancellationToken);
        var next = items.Count > size
            ? ApiQuery.EncodeCursor(items[size - 1].ElectedAt.Ticks.ToString(CultureInfo.InvariantCulture), items[size - 1].AgreementNumber)
            : null;
        return Results.Ok(new ApiPage<ApiElection>(items.Take(size).ToList(), next));
    }
}
