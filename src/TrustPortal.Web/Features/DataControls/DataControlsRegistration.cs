using TrustPortal.Web.Features.Attestations;

namespace TrustPortal.Web.Features.DataControls;

public static class DataControlsRegistration
{
    /// <summary>The organization's data controls at /portal/data-controls, with their column in Legal's matrix and their timeline entries.</summary>
    public static void AddDataControls(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<DataControlsService>();
        builder.Services.AddScoped<DataSharingNotifications>();
        builder.Services.AddScoped<IEvidenceTimelineSource, DataSharingEvidenceTimeline>();
        builder.Services.AddScoped<IDataControlSource, TrainingElectionControl>();
    }
}
