using System.Globalization;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Agreements.Library;

/// <summary>Legal's agreement library: services and the ZIP export endpoint. Called from AgreementsRegistration.</summary>
public static class LibraryRegistration
{
    /// <summary>Response headers that let the page show progress of a download whose length is not known in advance.</summary>
    public const string CountHeader = "X-Export-Count";
    public const string EstimatedBytesHeader = "X-Export-Estimated-Bytes";

    public static IServiceCollection AddAgreementLibrary(this IServiceCollection services)
    {
        services.AddScoped<AgreementLibrary>();
        services.AddScoped<AgreementExport>();
        return services;
    }

    public static void MapAgreementLibraryEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(AgreementExport.Path, ExportAsync).RequireAuthorization(Policies.ManageAgreements);
    }

    private static async Task<IResult> ExportAsync(HttpContext context, AgreementExport export)
    {
        // A GET with side effects (a large download, an audit event): refuse it when another site started it.
        if (context.Request.Headers["Sec-Fetch-Site"].ToString() is "cross-site")
        {
            return Results.Problem(title: "Start the export from the agreement library.", statusCode: StatusCodes.Status403Forbidden);
        }
        var parsed = AgreementFilter.Parse(context.Request.Query);
        if (parsed.Filter is null)
        {
            return Results.Problem(title: "The export filter is not valid.", detail: parsed.Error, statusCode: StatusCodes.Status400BadRequest);
        }
        var plan = await export.PlanAsync(parsed.Filter, context.RequestAborted);
        var headers = context.Response.Headers;
        headers.CacheControl = "private, no-store";
        headers[CountHeader] = plan.Count.ToString(CultureInfo.InvariantCulture);
        headers[EstimatedBytesHeader] = plan.EstimatedBytes.ToString(CultureInfo.InvariantCulture);
        return Results.Stream(body => export.WriteAsync(body, plan, context.RequestAborted), "application/zip", plan.FileName);
    }
}
