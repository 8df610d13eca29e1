using TrustPortal.Web.Features.Attestations;
using TrustPortal.Web.Features.Baa;

namespace TrustPortal.Web.Features.DataRetention;

public static class DataRetentionRegistration
{
    /// <summary>Zero and custom data-retention requests at /portal/data-retention.</summary>
    public static void AddDataRetention(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RequestKind<DataRetentionRequest, DataRetentionMessage>, DataRetentionKind>();
        builder.Services.AddScoped<DataRetentionCustomerService>();
        builder.Services.AddScoped<DataRetentionReviewService>();
        builder.Services.AddScoped<DataRetentionCountersignService>();
        builder.Services.AddScoped<IDataControlSource, DataRetentionControl>();
        builder.Services.AddScoped<IEvidenceTimelineSource, DataRetentionEvidenceTimeline>();
    }
}
