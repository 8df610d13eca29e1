namespace TrustPortal.Web.Features.Dpa;

public static class DpaRegistration
{
    public static void AddDpa(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<DpaService>();
        builder.Services.AddScoped<DpaSignatureRequests>();
        builder.Services.AddScoped<SignatoryCopies>();
        builder.Services.AddScoped<SignatoryCodes>();
        builder.Services.AddScoped<DpaWizardDrafts>();
    }

    public static void MapDpaEndpoints(this IEndpointRouteBuilder app) => app.MapSignatoryCopyEndpoint();
}
