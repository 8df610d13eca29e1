using Microsoft.AspNetCore.Mvc;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Documents;

public static class DocumentsRegistration
{
    public static void AddDocuments(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DocumentOptions>().Bind(builder.Configuration.GetSection(DocumentOptions.Section))
            .Validate(o => o.GrantDays is > 0 and <= 3650, "Documents:GrantDays must be between 1 and 3650.")
            .Validate(o => o.LinkLifetime > TimeSpan.Zero && o.LinkLifetime <= TimeSpan.FromDays(1), "Documents:LinkLifetime must be positive and at most a day.")
            .ValidateOnStart();
        var lifetime = builder.Configuration.GetSection(DocumentOptions.Section).GetValue<TimeSpan?>(nameof(DocumentOptions.SessionLifetime)) ?? new DocumentOptions().SessionLifetime;
        builder.Services.AddAuthentication().AddViewerCookie(builder.Environment.IsDevelopment(), lifetime);
        builder.Services.AddScoped<DocumentReaders>();
        builder.Services.AddScoped<DocumentLibrary>();
        builder.Services.AddScoped<ViewerAccess>();
        builder.Services.AddScoped<AccessReview>();
        builder.Services.AddScoped<DocumentAdmin>();
        builder.Services.AddScoped<AccountAnalytics>();
        builder.Services.AddScoped<DocumentReminders>();
        builder.Services.AddScoped<TrustCenter.MachineReadable.ILibraryCatalog, DocumentCatalog>();
        builder.Services.AddHostedService<DocumentReminderSchedule>();
    }

    public static void MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/documents/{id:guid}/download", DownloadAsync).AllowAnonymous();
        app.MapGet("/sales/accounts.csv", CsvAsync).RequireAuthorization(Policies.ReviewAccess);
        // A form post, so the antiforgery token is checked: another site cannot sign a viewer out.
        app.MapPost("/documents/sign-out", async (HttpContext context, [FromForm] string? returnUrl) =>
        {
            await ViewerSession.SignOutAsync(context);
            return TypedResults.LocalRedirect("/documents");
        });
    }

    // Not found says nothing about why; the document's page explains what the reader still needs.
    private static async Task<IResult> DownloadAsync(Guid id, DocumentLibrary library, HttpContext context)
    {
        var reader = await library.ReaderAsync(context.RequestAborted);
        var download = await library.DownloadAsync(reader, id, context.RequestAborted);
        if (download is null)
        {
            return Results.NotFound();
        }
        context.Response.Headers.CacheControl = "private, no-store";
        return Results.File(download.Content, "application/pdf", download.FileName);
    }

    private static async Task<IResult> CsvAsync(AccountAnalytics analytics, TimeProvider clock, HttpContext context)
    {
        var csv = await analytics.CsvAsync(context.RequestAborted);
        context.Response.Headers.CacheControl = "private, no-store";
        var name = $"accounts-{clock.GetUtcNow():yyyy-MM-dd}.csv";
        return Results.File(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", name);
    }
}
