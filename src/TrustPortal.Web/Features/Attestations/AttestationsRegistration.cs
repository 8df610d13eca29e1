using System.Text;
using TrustPortal.Web.Security;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Attestations;

public static class AttestationsRegistration
{
    public static void AddAttestations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<AttestationService>();
        builder.Services.AddSingleton<AttestationExpiry>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AttestationExpiry>());
    }

    public static void MapAttestationEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/legal/attestations.csv", ExportCsvAsync).RequireAuthorization(Policies.ViewAttestations);

    /// <summary>One row per organization, streamed in batches so the size of the customer base does not matter.</summary>
    private static async Task ExportCsvAsync(HttpContext context, AttestationService attestations)
    {
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"attestations-{DateTime.UtcNow:yyyy-MM-dd}.csv\"";
        context.Response.Headers.CacheControl = "private, no-store";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false)) { NewLine = Csv.LineEnding };
        await writer.WriteLineAsync(Csv.Row(["Organization", .. TrackedFrameworks.All.Select(f => f.DisplayName()), .. attestations.ControlNames]));
        await foreach (var row in attestations.StreamAllAsync(context.RequestAborted))
        {
            await writer.WriteLineAsync(Csv.Row([row.OrganizationName, .. row.Cells.Select(c => c.Status.DisplayName()), .. row.Controls.Select(c => c.Label)]));
        }
    }
}
