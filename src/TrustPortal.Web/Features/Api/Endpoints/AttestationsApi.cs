using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Attestations;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Api.Endpoints;

/// <summary>GET /api/v1/attestations: compliance status per organization and framework.</summary>
public static class AttestationsApi
{
    public static void MapAttestationsApi(this RouteGroupBuilder api) =>
        api.MapGet("/attestations", ListAsync).RequireScope(ApiScopes.AttestationsRead).WithName("listAttestations")
            .WithSummary("Attestations per organization and framework")
            .WithDescription("Filters: organizationId (staff), framework (soc2Type2, gdpr, ccpa, hipaa, custom), status (notStarted, requested, inProgress, current, expiring, expired, superseded).")
            .Produces<ApiPage<ApiAttestation>>().ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, IDbContextFactory<AppDbContext> dbFactory, string? organizationId, string? framework,
        string? status, string? cursor, string? limit, CancellationToken cancellationToken)
    {
        var query = new ApiQuery();
        var organization = query.Id("organizationId", organizationId);
        var frameworkValue = query.Enum<ComplianceFramework>("framework", framework);
        var statusValue = query.Enum<AttestationStatus>("status", status);
        var size = query.Limit(limit);
        var skip = ApiOffset.Read(query, cursor);
        if (query.Problem is { } problem)
        {
            return ApiProblems.BadRequest(problem);
        }
        var caller = ApiCaller.From(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var attestations = db.Attestations.AsNoTracking();
        if (caller.OrganizationId is { } own)
        {
            attestations = attestations.Where(a => a.OrganizationId == own);
        }
        if (organization is { } org)
        {
            attestations = attestations.Where(a => a.OrganizationId == org);
        }
        if (frameworkValue is { } f)
        {
            attestations = attestations.Where(a => a.Framework == f);
        }
        if (statusValue is { } s)
        {
            attestations = attestations.Where(a => a.Status == s);
        }
        var rows = await attestations.OrderBy(a => a.OrganizationId).ThenBy(a => a.Framework).Skip(skip).Take(size + 1).ToListAsync(cancellationToken);
        var items = rows.Select(a => new ApiAttestation(a.Id, a.OrganizationId, ApiNames.Of(a.Framework), ApiNames.Of(a.Status), a.EvidenceType, a.EvidenceId,
            a.EvidenceLabel, a.EffectiveAtUtc, a.ExpiresAtUtc, a.UpdatedAtUtc)).ToList();
        return Results.Ok(ApiOffset.Page(items, skip, size));
    }
}
