using TrustPortal.Web.Features.Attestations;

namespace TrustPortal.Web.Features.Baa;

public static class BaaRegistration
{
    public static void AddBaa(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BaaOptions>().Bind(builder.Configuration.GetSection(BaaOptions.Section))
            .Validate(o => o.ResponseTimeBusinessDays is > 0 and <= 30, "Baa:ResponseTimeBusinessDays must be between 1 and 30.")
            .Validate(o => o.EligibleServices.All(s => !string.IsNullOrWhiteSpace(s) && s.Length <= 100), "Baa:EligibleServices must be names of at most 100 characters.")
            .ValidateOnStart();
        builder.Services.AddScoped<BaaNotifications>();
        // The workflow every reviewed request type shares; each type registers its RequestKind.
        builder.Services.AddScoped(typeof(RequestReviewWorkflow<,>));
        builder.Services.AddScoped(typeof(RequestCustomerWorkflow<,>));
        builder.Services.AddScoped(typeof(RequestCountersigning<,>));
        builder.Services.AddSingleton<RequestKind<BaaRequest, BaaMessage>, BaaKind>();
        builder.Services.AddScoped<BaaCustomerService>();
        builder.Services.AddScoped<IEvidenceTimelineSource, BaaEvidenceTimeline>();
        builder.Services.AddScoped<BaaReviewService>();
        builder.Services.AddScoped<BaaCountersignService>();
        builder.Services.AddHostedService<BaaResponseDueBackfill>();
    }
}
