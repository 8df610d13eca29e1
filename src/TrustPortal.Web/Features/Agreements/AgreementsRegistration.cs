using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Agreements.Execution;
using TrustPortal.Web.Features.Agreements.Library;
using TrustPortal.Web.Features.Attestations;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.TrustCenter.Subscriptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TrustPortal.Documents;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Agreements;

public static class AgreementsRegistration
{
    public static void AddAgreements(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AgreementOptions>().Bind(builder.Configuration.GetSection(AgreementOptions.Section))
            .Validate(o => o.SubprocessorObjectionDays is > 0 and <= 365, "Agreements:SubprocessorObjectionDays must be between 1 and 365.")
            .Validate(o => o.SignatureLinkLifetime > TimeSpan.Zero, "Agreements:SignatureLinkLifetime must be positive.")
            .Validate(o => o.SignatureCodeLifetime > TimeSpan.Zero && o.SignatureCodeLifetime <= TimeSpan.FromHours(1),
                "Agreements:SignatureCodeLifetime must be positive and at most an hour.")
            .Validate(o => o.SignatureCodeAttempts is > 0 and <= 20, "Agreements:SignatureCodeAttempts must be between 1 and 20.")
            .Validate(o => o.SignatureCodesPerWindow > 0 && o.SignatureCodeWindow > TimeSpan.Zero && o.SignatureCodesPerLink >= o.SignatureCodesPerWindow,
                "Agreements:SignatureCodesPerWindow and SignatureCodeWindow must be positive, and SignatureCodesPerLink at least SignatureCodesPerWindow.")
            .Validate(o => o.SignatoryDownloadDays is > 0 and <= 365, "Agreements:SignatoryDownloadDays must be between 1 and 365.")
            .ValidateOnStart();
        builder.Services.AddSingleton<SealCertificate>();
        builder.Services.AddScoped<Certificates.SealCertificateRegistry>();
        builder.Services.AddScoped<AgreementQueries>();
        builder.Services.AddScoped<DocumentVerifier>();
        builder.Services.AddScoped<AgreementStatusLookup>();
        builder.Services.AddScoped<AgreementExecutor>();
        builder.Services.AddSingleton<ExecutionLanes>();
        builder.Services.AddSingleton<DraftSlots>();
        builder.Services.AddSingleton<ExecutionMetrics>();
        builder.Services.AddSingleton<ParsedTemplates>();
        builder.Services.AddScoped<AgreementTemplates>();
        builder.Services.AddScoped<IDpaSignatories, DpaSignatories>();
        builder.Services.AddScoped<IEvidenceTimelineSource, AgreementEvidenceTimeline>();
        builder.Services.AddAgreementLibrary();
        DocumentFonts.EnsureInstalled();
    }

    /// <summary>Every installation starts with the shipped DPA and BAA texts; later versions come from Legal.</summary>
    public static async Task SeedAgreementTemplatesAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        await AgreementTemplates.SeedAsync(db, services.GetRequiredService<AuditTrail>(), services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
    }

    public static void MapAgreementEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/agreements/{id:guid}/pdf", DownloadAsync).RequireAuthorization();
        app.MapAgreementLibraryEndpoints();
        app.MapPost("/api/verify", VerifyAsync)
            .AllowAnonymous()
            // A public, cookie-less API: no session to forge, so no antiforgery token.
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(VerifyUpload.RequestLimit))
            .WithMetadata(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = VerifyUpload.RequestLimit });
    }

    private static async Task<IResult> DownloadAsync(Guid id, AgreementQueries queries, HttpContext context)
    {
        var file = await queries.GetPdfAsync(id, context.RequestAborted);
        if (file is null)
        {
            return Results.NotFound();
        }
        context.Response.Headers.CacheControl = "private, no-store";
        return Results.File(file.Content, "application/pdf", $"{file.Number}.pdf");
    }

    private static async Task<IResult> VerifyAsync(HttpRequest request, DocumentVerifier verifier, VerifyLimiter limiter, IOptions<AgreementOptions> options)
    {
        if (limiter.TryAcquire(request.HttpContext.Connection.RemoteIpAddress?.ToString()) is { } wait)
        {
            request.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Json(VerificationResult.NotAuthentic(VerifyLimiter.Message(wait)), statusCode: StatusCodes.Status429TooManyRequests);
        }
        var upload = await VerifyUpload.ReadAsync(request, options.Value.MaxVerifyBytes);
        if (upload.Error is { } error)
        {
            return Results.Json(VerificationResult.NotAuthentic(error.Message), statusCode: error.StatusCode);
        }
        var result = await verifier.VerifyAsync(upload.Content!, request.HttpContext.RequestAborted);
        return Results.Json(result, statusCode: result.Unreadable ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);
    }
}
