using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Requests;

public static class RequestsRegistration
{
    /// <summary>The Sales request queue at /sales/requests and Legal's countersign list at /legal/countersign, over every request type.</summary>
    public static void AddRequests(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<RequestQueueService>();
        builder.Services.AddScoped<CountersignListService>();
    }

    /// <summary>The per-type lists that came before: old links and emails land on the shared lists, the type preselected.</summary>
    public static void MapRequestEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sales/baa", () => Results.Redirect($"/sales/requests?type={RequestType.Baa.Slug()}")).RequireAuthorization(Policies.ReviewBaa);
        app.MapGet("/sales/data-retention", () => Results.Redirect($"/sales/requests?type={RequestType.DataRetention.Slug()}")).RequireAuthorization(Policies.ReviewBaa);
        app.MapGet("/legal/countersign/data-retention", () => Results.Redirect("/legal/countersign")).RequireAuthorization(Policies.ManageAgreements);
    }
}
