using TrustPortal.Documents;

namespace TrustPortal.Web.Features.Soc2;

public static class Soc2Registration
{
    public static void AddSoc2(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<Soc2Service>();
        DocumentFonts.EnsureInstalled();
    }

    public static void MapSoc2Endpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/soc2/report", DownloadAsync).RequireAuthorization();
    }

    // Not found says nothing about whether a report exists or why the caller may not have it; /soc2 explains.
    private static async Task<IResult> DownloadAsync(Soc2Service soc2, HttpContext context)
    {
        var download = await soc2.DownloadAsync(context.RequestAborted);
        if (download is null)
        {
            return Results.NotFound();
        }
        context.Response.Headers.CacheControl = "private, no-store";
        return Results.File(download.Content, "application/pdf", download.FileName);
    }
}
