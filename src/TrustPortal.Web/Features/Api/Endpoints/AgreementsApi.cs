using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Api.Endpoints;

/// <summary>GET /api/v1/agreements (filters, cursor paging), /{id} and /{id}/pdf: a customer token sees its organization's only.</summary>
public static class AgreementsApi
{
    public static void MapAgreementsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/agreements", ListAsync).RequireScope(ApiScopes.AgreementsRead).WithName("listAgreements")
            .WithSummary("Agreements, oldest execution first")
            .WithDescription("Filters: kind (dpa, baa, election, zdr), status (executed, superseded, voided), organizationId (staff), executedFrom and executedTo (yyyy-MM-dd, UTC, inclusive). Pass nextCursor back as cursor for the next page.")
            .Produces<ApiPage<ApiAgreement>>().ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/agreements/{id}", GetAsync).RequireScope(ApiScopes.AgreementsRead).WithName("getAgreement")
            .WithSummary("One agreement").Produces<ApiAgreement>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/agreements/{id}/pdf", PdfAsync).RequireScope(ApiScopes.AgreementsRead).WithName("getAgreementPdf")
            .WithSummary("The agreement's sealed PDF").Produces(StatusCodes.Status200OK, contentType: "application/pdf").ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, IDbContextFactory<AppDbContext> dbFactory, string? kind, string? status,
        string? organizationId, string? executedFrom, string? executedTo, string? cursor, string? limit, CancellationToken cancellationToken)
    {
        var query = new ApiQuery();
        var kindValue = query.Enum<AgreementKind>("kind", kind);
        var statusValue = query.Enum<AgreementStatus>("status", status);
        var organization = query.Id("organizationId", organizationId);
        var from = query.Date("executedFrom", executedFrom);
        var to = query.Date("executedTo", executedTo);
        if (from > to)
        {
            query.Fail("'executedFrom' is after 'executedTo'.");
        }
        var size = query.Limit(limit);
        var after = query.Cursor(cursor, 2);
        _ = query.CursorNumber(after);
        if (query.Problem is { } problem)
        {
            return ApiProblems.BadRequest(problem);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var agreements = Visible(db, ApiCaller.From(user));
        if (organization is { } org)
        {
            // Anded with the caller's own organization: another organization's id finds nothing, never its agreements.
            agreements = agreements.Where(a => a.OrganizationId == org);
        }
        if (kindValue is { } k)
        {
            agreements = agreements.Where(a => a.Kind == k);
        }
        if (statusValue is { } s)
        {
            agreements = agreements.Where(a => a.Status == s);
        }
        if (from is { } f)
        {
            var fromUtc = f.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            agreements = agreements.Where(a => a.ExecutedAtUtc >= fromUtc);
        }
        if (to is { } t)
        {
            var toUtc = t.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            agreements = agreements.Where(a => a.ExecutedAtUtc < toUtc);
        }
        if (after is not null)
        {
            var time = new DateTime(long.Parse(after[0], CultureInfo.InvariantCulture), DateTimeKind.Utc);
            var number = after[1];
            // Keyset: the number is unique, so no agreement is skipped or repeated between pages.
            agreements = agreements.Where(a => a.ExecutedAtUtc > time || (a.ExecutedAtUtc == time && a.Number.CompareTo(number) > 0));
        }
        var items = await Project(db, agreements.OrderBy(a => a.ExecutedAtUtc).ThenBy(a => a.Number)).Take(size + 1).ToListAsync(cancellationToken);
        var next = items.Count > size
            ? ApiQuery.EncodeCursor(items[size - 1].ExecutedAt.Ticks.ToString(CultureInfo.InvariantCulture), items[size - 1].Number)
            : null;
        return Results.Ok(new ApiPage<ApiAgreement>(items.Take(size).Select(a => a.ToApi()).ToList(), next));
    }

    private static async Task<IResult> GetAsync(ClaimsPrincipal user, IDbContextFactory<AppDbContext> dbFactory, string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var agreementId))
        {
            return ApiProblems.NotFound("agreement");
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var agreement = await Project(db, Visible(db, ApiCaller.From(user)).Where(a => a.Id == agreementId)).FirstOrDefaultAsync(cancellationToken);
        return agreement is null ? ApiProblems.NotFound("agreement") : Results.Ok(agreement.ToApi());
    }

    private static async Task<IResult> PdfAsync(ClaimsPrincipal user, IDbContextFactory<AppDbContext> dbFactory, HttpContext context, string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var agreementId))
        {
            return ApiProblems.NotFound("agreement");
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var file = await Visible(db, ApiCaller.From(user)).Where(a => a.Id == agreementId)
            .Join(db.AgreementDocuments, a => a.Id, d => d.AgreementId, (a, d) => new { a.Number, d.Content })
            .FirstOrDefaultAsync(cancellationToken);
        if (file is null)
        {
            return ApiProblems.NotFound("agreement");
        }
        return Results.File(file.Content, "application/pdf", $"{file.Number}.pdf");
    }

    private static IQueryable<Agreement> Visible(AppDbContext db, ApiCaller caller) =>
        caller.OrganizationId is { } own ? db.Agreements.AsNoTracking().Where(a => a.OrganizationId == own) : db.Agreements.AsNoTracking();

    private static IQueryable<AgreementRow> Project(AppDbContext db, IQueryable<Agreement> agreements) =>
        agreements.Select(a => new AgreementRow(a.Id, a.Number, a.Kind, a.Status, a.OrganizationId, a.Organization!.Name,
            a.Customer.LegalName, a.SignerName, a.SignerTitle, a.SignerEmail, a.ExecutedAtUtc, a.TemplateVersion, a.StatusReason, a.StatusChangedAtUtc,
            db.AgreementDocuments.Where(d => d.AgreementId == a.Id).Select(d => d.Sha256).FirstOrDefault()));

    private sealed record AgreementRow(Guid Id, string Number, AgreementKind Kind, AgreementStatus Status, Guid OrganizationId, string OrganizationName,
        string CustomerLegalName, string SignerName, string SignerTitle, string SignerEmail, DateTime ExecutedAt, int TemplateVersion,
        string? StatusReason, DateTime? StatusChangedAt, string? Sha256)
    {
        public ApiAgreement ToApi() => new(Id, Number, ApiNames.Of(Kind), ApiNames.Of(Status), OrganizationId, OrganizationName, CustomerLegalName,
            SignerName, SignerTitle, SignerEmail, ExecutedAt, TemplateVersion, StatusReason, StatusChangedAt, Sha256, $"/api/v1/agreements/{Id}/pdf");
    }
}
