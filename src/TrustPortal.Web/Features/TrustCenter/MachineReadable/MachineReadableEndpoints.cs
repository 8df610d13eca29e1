using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrustPortal.Web.Features.TrustCenter.MachineReadable;

/// <summary>/llms.txt and /trust-center.json: anonymous, output-cached like the public pages, evicted by the same publishes.</summary>
public static class MachineReadableEndpoints
{
    /// <summary>camelCase names and enum values, ISO 8601 times ("Z" for UTC) and dates; indented for people reading it too.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    // Crawlers may ask with HEAD first; the output cache answers both.
    private static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head];

    public static void MapMachineReadableTrustCenter(this IEndpointRouteBuilder app)
    {
        app.MapMethods(TrustCenterFactsReader.LlmsTxtPath, Methods, async (TrustCenterFactsReader reader, CancellationToken cancellationToken) =>
                Results.Text(LlmsText.Write(await reader.ReadAsync(cancellationToken)), "text/markdown; charset=utf-8"))
            .AllowAnonymous()
            .CacheOutput(TrustCenterRegistration.CachePolicy);
        app.MapMethods(TrustCenterFactsReader.JsonPath, Methods, async (TrustCenterFactsReader reader, CancellationToken cancellationToken) =>
                Results.Json(await reader.ReadAsync(cancellationToken), Json, "application/json; charset=utf-8"))
            .AllowAnonymous()
            .CacheOutput(TrustCenterRegistration.CachePolicy);
    }
}
