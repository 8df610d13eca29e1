using TrustPortal.Web.Features.TrustCenter.MachineReadable;
using TrustPortal.Web.Features.TrustCenter.Updates;

namespace TrustPortal.Web.Features.TrustCenter;

public static class TrustCenterRegistration
{
    public const string CachePolicy = "TrustCenter";

    public static void AddTrustCenter(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TrustCenterService>();
        builder.Services.AddScoped<TrustCenterFactsReader>();
        builder.Services.AddScoped<UpdateService>();
        builder.Services.AddOutputCache(options => options.AddPolicy(CachePolicy, new TrustCenterCachePolicy()));
    }

    public static void MapTrustCenterEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMachineReadableTrustCenter();
        app.MapUpdateFeeds();
    }
}
