using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Answers.Questionnaires;

/// <summary>
/// Staff's security questionnaires: upload a CSV or XLSX, get each question's three best library answers (the best one
/// as the draft), edit and review the drafts, download the file with the answers written in. Bad files store nothing.
/// </summary>
public sealed class QuestionnaireService(
    IDbContextFactory<AppDbContext> dbFactory, IAnswerSearch search, AnswerLibrary library, CurrentUser currentUser, AuditTrail audit, TimeProvider clock)
{
    public const int MatchesPerQuestion = 3;

    public static readonly IReadOnlyList<string> Extensions = [".csv", ".xlsx"];

    public async Task<(Result Result, Guid? Id)> UploadAsync(string fileName, byte[] content, string? organization, CancellationToken cancellationToken = default)
    {
        if (!await library.IsStaffAsync())
        {
            return (Result.Fail(AnswerLibrary.NotAllowed), null);
        }
        return await ImportAsync(await currentUser.GetActorAsync(), fileName, content, organization, cancellationToken);
    }

    /// <summary>The upload itself, for a caller that has checked who acts (the staff upload, the demo seed).</summary>
    internal async Task<(Result Result, Guid? Id)> ImportAsync(AuditActor actor, string fileName, byte[] content, string? organization, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(content);
        var name = Path.GetFileName(fileName.Replace('\\', '/')).Trim();
        var format = Path.GetExtension(name).ToLowerInvariant() switch
        {
            ".csv" => QuestionnaireFormat.Csv,
            ".xlsx" => QuestionnaireFormat.Xlsx,
            _ => (QuestionnaireFormat?)null,
        };
        if (format is null)
        {
            return (Result.Fail("Upload a .csv or .xlsx file (one question a row)."), null);
        }
        if (name.Length > QuestionnaireLimits.FileNameMaxLength || name.Any(char.IsControl))
        {
            return (Result.Fail("Rename the file: its name is too long or has characters that are not allowed."), null);
        }
        if (content.Length == 0)
        {
            return (Result.Fail("The file is empty."), null);
        }
        if (content.Length > QuestionnaireLimits.MaxBytes)
        {
            return (Result.Fail(QuestionnaireLimits.TooLarge), null);
        }
        organization = string.IsNullOrWhiteSpace(organization) ? null : organization.Trim();
        if (organization is { Length: > 200 } || organization?.Any(char.IsControl) == true)
        {
            return (Result.Fail("The organization's name can be at most 200 characters, on one line."), null);
        }

        QuestionnaireSheet sheet;
        try
        {
            sheet = format == QuestionnaireFormat.Csv ? QuestionnaireCsv.Read(content) : QuestionnaireXlsx.Read(content);
        }
        catch (QuestionnaireFileException e)
        {
            return (Result.Fail(e.Message), null);
        }
        var layout = QuestionnaireLayout.Detect(sheet);
        var questions = layout.Questions(sheet).ToList();
        if (questions.Count == 0)
        {
            return (Result.Fail("No questions were found. Put one question a row, under a header cell that says “Question”."), null);
        }
        if (layout.AnswerColumn >= QuestionnaireLimits.MaxColumns)
        {
            return (Result.Fail(QuestionnaireLimits.TooManyColumns), null);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var questionnaire = new Questionnaire
        {
            FileName = name,
            Format = format.Value,
            Organization = organization,
            UploadedBy = actor.Name,
            UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
            Sheet = sheet.SheetName,
            QuestionColumn = layout.QuestionColumn,
            AnswerColumn = layout.AnswerColumn,
            HeaderRow = layout.HeaderRow,
            AnswerColumnExisted = layout.AnswerColumnExisted,
            RowCount = sheet.Rows.Count,
        };
        var bodies = new Dictionary<int, string>();
        foreach (var (row, question) in questions)
        {
            var hits = await search.SearchAsync(db, SearchWords.From(question), includeCustomersOnly: true, MatchesPerQuestion, cancellationToken);
            foreach (var id in hits.Select(h => h.Id).Where(id => !bodies.ContainsKey(id)))
            {
                bodies[id] = await db.Answers.Where(a => a.Id == id).Select(a => a.Body).FirstAsync(cancellationToken);
            }
            var existing = layout.ExistingAnswer(sheet, row);
            questionnaire.Rows.Add(new QuestionnaireRow
            {
                RowIndex = row,
                Question = question,
                CellsJson = JsonSerializer.Serialize(sheet.Rows[row]),
                MatchesJson = JsonSerializer.Serialize(hits.Select(h => new AnswerMatch(h.Id, Math.Round(h.Rank, 4)))),
                ChosenAnswerId = existing is null && hits.Count > 0 ? hits[0].Id : null,
                Draft = existing ?? (hits.Count > 0 ? bodies[hits[0].Id] : ""),
            });
        }
        db.Questionnaires.Add(questionnaire);
        db.QuestionnaireFiles.Add(new QuestionnaireFile { QuestionnaireId = questionnaire.Id, Content = content });
        audit.Record(db, actor, "questionnaire.uploaded", nameof(Questionnaire), questionnaire.Id.ToString(),
            new { questionnaire.FileName, format = format.Value.ToString(), rows = sheet.Rows.Count, questions = questions.Count, organization });
        await db.SaveChangesAsync(cancellationToken);
        return (Result.Ok(), questionnaire.Id);
    }

    public async Task<IReadOnlyList<QuestionnaireSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await DemandStaffAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Questionnaires.AsNoTracking()
            .OrderByDescending(q => q.UploadedAtUtc)
            .Select(q => new QuestionnaireSummary(q.Id, q.FileName, q.Format, q.Organization, q.UploadedBy, q.UploadedAtUtc, q.Status,
                q.Rows.Count, q.Rows.Count(r => r.Reviewed)))
            .Take(200)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The questionnaire with its questions in file order, or null (also for non-staff).</summary>
    public async Task<Questionnaire?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (!await library.IsStaffAsync())
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var questionnaire = await db.Questionnaires.AsNoTracking().FirstOrDefaultAsync(q => q.Id == id, cancellationToken);
        if (questionnaire is not null)
        {
            questionnaire.Rows = await db.QuestionnaireRows.AsNoTracking().Where(r => r.QuestionnaireId == id).OrderBy(r => r.RowIndex).ToListAsync(cancellationToken);
        }
        return questionnaire;
    }

    /// <summary>
    /// Saves one question's draft. <paramref name="version"/> is the row's version the reviewer edited: if someone saved
    /// it since, nothing is saved and the reviewer is told.
    /// </summary>
    public async Task<(Result Result, QuestionnaireRow? Row)> SaveRowAsync(long rowId, int version, string? draft, int? chosenAnswerId, bool reviewed, CancellationToken cancellationToken = default)
    {
        if (!await library.IsStaffAsync())
        {
            return (Result.Fail(AnswerLibrary.NotAllowed), null);
        }
        var text = (draft ?? "").Trim();
        if (text.Length > QuestionnaireLimits.DraftMaxLength)
        {
            return (Result.Fail($"The answer can be at most {QuestionnaireLimits.DraftMaxLength:N0} characters (what a spreadsheet cell holds)."), null);
        }
        if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            return (Result.Fail("The answer contains characters that are not allowed."), null);
        }
        if (reviewed && text.Length == 0)
        {
            return (Result.Fail("Write an answer before marking it reviewed."), null);
        }
        var actor = await currentUser.GetActorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.QuestionnaireRows.FirstOrDefaultAsync(r => r.Id == rowId, cancellationToken);
        if (row is null)
        {
            return (Result.Fail("That questionnaire was deleted meanwhile."), null);
        }
        if (row.Version != version)
        {
            return (Result.Fail($"{row.ReviewedBy ?? "Someone"} changed this answer meanwhile. Reload the page to see their version."), null);
        }
        row.Draft = text;
        row.ChosenAnswerId = chosenAnswerId;
        row.Reviewed = reviewed;
        row.ReviewedBy = actor.Name;
        row.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (Result.Fail("Someone changed this answer at the same moment. Reload the page to see their version."), null);
        }
        var open = await db.QuestionnaireRows.AnyAsync(r => r.QuestionnaireId == row.QuestionnaireId && !r.Reviewed, cancellationToken);
        await db.Questionnaires.Where(q => q.Id == row.QuestionnaireId)
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.Status, open ? QuestionnaireStatus.InReview : QuestionnaireStatus.Reviewed), cancellationToken);
        return (Result.Ok(), row);
    }

    /// <summary>The uploaded file with every draft written into the answer column, or null when it does not exist (or for non-staff).</summary>
    public async Task<FilledQuestionnaire?> DownloadAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (!await library.IsStaffAsync())
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var questionnaire = await db.Questionnaires.AsNoTracking().FirstOrDefaultAsync(q => q.Id == id, cancellationToken);
        if (questionnaire is null)
        {
            return null;
        }
        var original = await db.QuestionnaireFiles.Where(f => f.QuestionnaireId == id).Select(f => f.Content).FirstAsync(cancellationToken);
        var answers = await db.QuestionnaireRows.Where(r => r.QuestionnaireId == id && r.Draft != "")
            .Select(r => new AnswerCell(r.RowIndex, r.Draft)).ToListAsync(cancellationToken);
        if (questionnaire.HeaderRow is { } header && !questionnaire.AnswerColumnExisted)
        {
            answers.Add(new AnswerCell(header, "Answer"));
        }
        var bytes = questionnaire.Format == QuestionnaireFormat.Csv
            ? QuestionnaireCsv.Write(QuestionnaireCsv.Read(original), questionnaire.AnswerColumn, answers)
            : QuestionnaireXlsx.Write(original, questionnaire.Sheet, questionnaire.AnswerColumn, answers);
        await audit.RecordAsync(db, "questionnaire.downloaded", nameof(Questionnaire), id.ToString(), new { answers = answers.Count });
        await db.SaveChangesAsync(cancellationToken);
        var stem = Path.GetFileNameWithoutExtension(questionnaire.FileName);
        return questionnaire.Format == QuestionnaireFormat.Csv
            ? new FilledQuestionnaire($"{stem} (answered).csv", "text/csv; charset=utf-8", bytes)
            : new FilledQuestionnaire($"{stem} (answered).xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes);
    }

    public async Task<Result> DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (!await library.IsStaffAsync())
        {
            return Result.Fail(AnswerLibrary.NotAllowed);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var questionnaire = await db.Questionnaires.FirstOrDefaultAsync(q => q.Id == id, cancellationToken);
        if (questionnaire is null)
        {
            return Result.Fail("That questionnaire was already deleted.");
        }
        db.Questionnaires.Remove(questionnaire);
        await audit.RecordAsync(db, "questionnaire.deleted", nameof(Questionnaire), id.ToString(), new { questionnaire.FileName });
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }

    public static string PathFor(Guid id) => $"/sales/questionnaires/{id}";

    public static string DownloadPathFor(Guid id) => $"/sales/questionnaires/{id}/download";

    private async Task DemandStaffAsync()
    {
        if (!await library.IsStaffAsync())
        {
            throw new UnauthorizedAccessException(AnswerLibrary.NotAllowed);
        }
    }
}

public sealed record QuestionnaireSummary(Guid Id, string FileName, QuestionnaireFormat Format, string? Organization, string UploadedBy, DateTime UploadedAtUtc,
    QuestionnaireStatus Status, int Questions, int Reviewed);

public sealed record FilledQuestionnaire(string FileName, string ContentType, byte[] Content);
