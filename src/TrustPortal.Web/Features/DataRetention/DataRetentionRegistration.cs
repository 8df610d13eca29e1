using TrustPortal.Web.Features.Attestations;

namespace TrustPortal.Web.Features.DataRetention;

public static class DataRetentionRegistration
{
    /// <summary>Zero and custom data-retention requests at /portal/data-retention.</summary>
    public static void AddDataRetention(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<DataRetentionCustomerService>();
        builder.Services.AddScoped<DataRetentionReviewService>();
        builder.Services.AddScoped<DataRetentionCountersignService>();
        builder.Services.AddScoped<IDataControlSource, DataRetentionControl>();
        builder.Services.AddScoped<IEvidenceTimelineSource, DataRetentionEvidenceTimeline>();
    }
}
