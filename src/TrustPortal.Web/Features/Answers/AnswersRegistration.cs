using TrustPortal.Web.Features.Answers.Questionnaires;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Answers;

public static class AnswersRegistration
{
    /// <summary>The answer library (/faq, /admin/answers) and security questionnaires (/sales/questionnaires).</summary>
    public static void AddAnswers(this IHostApplicationBuilder builder)
    {
        if (DatabaseProviders.FromConfiguration(builder.Configuration) == DatabaseProvider.PostgreSql)
        {
            builder.Services.AddSingleton<IAnswerSearch, PostgresAnswerSearch>();
        }
        else
        {
            builder.Services.AddSingleton<IAnswerSearch, SqliteAnswerSearch>();
        }
        builder.Services.AddScoped<AnswerLibrary>();
        builder.Services.AddScoped<TrustCenter.MachineReadable.IFaqCatalog, FaqCatalog>();
        builder.Services.AddScoped<QuestionnaireService>();
    }

    public static void MapAnswerEndpoints(this IEndpointRouteBuilder app)
    {
        // The filled file; the service checks the caller too, and an unknown id is 404.
        app.MapGet("/sales/questionnaires/{id:guid}/download", async (Guid id, QuestionnaireService questionnaires, CancellationToken cancellationToken) =>
                await questionnaires.DownloadAsync(id, cancellationToken) is { } file
                    ? Results.File(file.Content, file.ContentType, file.FileName)
                    : Results.NotFound())
            .RequireAuthorization(Policies.Staff);
    }
}
