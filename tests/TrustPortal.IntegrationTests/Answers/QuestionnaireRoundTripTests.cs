using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Answers;
using TrustPortal.Web.Features.Answers.Questionnaires;
using static TrustPortal.IntegrationTests.Answers.QuestionnaireFiles;

namespace TrustPortal.IntegrationTests.Answers;

/// <summary>
/// Upload a questionnaire, get the library's best answers, edit one, download the file: every row and cell of the
/// upload is still there, the answers are in the answer column, and nothing in the file can run as a formula.
/// </summary>
public sealed class QuestionnaireRoundTripTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Sales = "sales@trustportal.local";
    private const string EditedAnswer = "=SUM(1,2) Yes: we sign BAAs for qualifying use cases.";

    [Theory]
    [InlineData("csv", false)]
    [InlineData("csv", true)]
    [InlineData("xlsx", false)]
    [InlineData("xlsx", true)]
    public async Task RoundTrip_KeepsEveryRowAndCell_WithTheMatchedAndEditedAnswers(string format, bool withAnswerColumn)
    {
        var rows = Rows(withAnswerColumn);
        var content = format == "csv" ? Csv(rows) : Xlsx(rows);
        var questionnaire = await UploadAsync($"Acme questionnaire ({format}).{format}", content);

        // Four questions, in file order; the title, blank, header and section rows are not questions.
        Assert.Equal([3, 4, 7, 8], questionnaire.Rows.Select(r => r.RowIndex));
        Assert.Equal(rows.Count, questionnaire.RowCount);
        var expectedBest = new Dictionary<string, string>
        {
            [TrainingQuestion] = "Do you train your models on the data we send through the API?",
            [HipaaQuestion] = "Will you sign a Business Associate Agreement for HIPAA?",
            [Soc2Question] = "Do you have a SOC 2 Type 2 report?",
            [UnicodeQuestion] = "Who owns the inputs and outputs of the API?",
        };
        await using (var db = portal.CreateDbContext())
        {
            var library = await db.Answers.ToDictionaryAsync(a => a.Id);
            foreach (var row in questionnaire.Rows)
            {
                Assert.InRange(row.Matches.Count, 1, QuestionnaireService.MatchesPerQuestion);
                Assert.Equal(row.Matches.Select(m => m.Rank).OrderDescending(), row.Matches.Select(m => m.Rank));
                Assert.Equal(expectedBest[row.Question], library[row.Matches[0].AnswerId].Question);
                var existing = withAnswerColumn && row.Question == Soc2Question;
                Assert.Equal(existing ? "Already answered by us" : library[row.Matches[0].AnswerId].Body, row.Draft);
                Assert.False(row.Reviewed);
            }
        }

        // A reviewer edits one draft (it starts like a formula) and marks it reviewed; a stale save is refused.
        var hipaa = questionnaire.Rows.Single(r => r.Question == HipaaQuestion);
        await using (var scope = portal.ScopeAs(await portal.PrincipalForAsync(Sales)))
        {
            var service = scope.ServiceProvider.GetRequiredService<QuestionnaireService>();
            var (saved, row) = await service.SaveRowAsync(hipaa.Id, hipaa.Version, EditedAnswer, null, reviewed: true);
            Assert.True(saved.Succeeded, saved.Error);
            Assert.True(row!.Reviewed);
            var (stale, _) = await service.SaveRowAsync(hipaa.Id, hipaa.Version, "Lost update", null, reviewed: false);
            Assert.False(stale.Succeeded);
            Assert.Contains("meanwhile", stale.Error, StringComparison.Ordinal);
        }

        using var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync(Sales, PortalFactory.DemoPassword);
        using var response = await client.GetAsync(QuestionnaireService.DownloadPathFor(questionnaire.Id));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("(answered)." + format, response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName, StringComparison.Ordinal);
        var downloaded = await response.Content.ReadAsByteArrayAsync();

        await using var after = portal.CreateDbContext();
        var drafts = await after.QuestionnaireRows.Where(r => r.QuestionnaireId == questionnaire.Id).ToDictionaryAsync(r => r.RowIndex, r => r.Draft);
        var answerColumn = withAnswerColumn ? 2 : 3;
        if (format == "csv")
        {
            AssertCsv(rows, ReadCsv(downloaded), drafts, answerColumn, withAnswerColumn);
        }
        else
        {
            AssertXlsx(rows, downloaded, drafts, answerColumn, withAnswerColumn);
        }
    }

    [Fact]
    public async Task DemoQuestionnaire_HasEachQuestionMatchedToTheAnswerThatAnswersIt()
    {
        await using var db = portal.CreateDbContext();
        var demo = await db.Questionnaires.SingleAsync(q => q.Organization == "Initech LLC");
        var rows = await db.QuestionnaireRows.Where(r => r.QuestionnaireId == demo.Id).OrderBy(r => r.RowIndex).ToListAsync();
        var library = await db.Answers.ToDictionaryAsync(a => a.Id, a => a.Question);

        Assert.Equal(
        [
            "Do you train your models on the data we send through the API?",
            "Who owns the inputs and outputs of the API?",
            "Can we delete our fine-tuning files and fine-tuned models?",
            "Do you have a SOC 2 Type 2 report?",
            "Will you sign a Business Associate Agreement for HIPAA?",
            "Are you GDPR compliant and will you sign a DPA?",
        ], rows.Select(r => library[r.Matches[0].AnswerId]));
    }

    private static void AssertCsv(List<string[]?> original, List<string[]> downloaded, Dictionary<int, string> drafts, int answerColumn, bool existed)
    {
        Assert.Equal(original.Count, downloaded.Count);
        for (var r = 0; r < original.Count; r++)
        {
            var cells = original[r] ?? [];
            for (var c = 0; c < cells.Length; c++)
            {
                if (c == answerColumn && drafts.ContainsKey(r))
                {
                    continue;
                }
                Assert.Equal(FormulaSafe(cells[c]), downloaded[r][c]);
            }
        }
        Assert.Empty(downloaded[1]);
        Assert.Empty(downloaded[5]);
        Assert.Equal(existed ? "Response" : "Answer", downloaded[2][answerColumn]);
        foreach (var (row, draft) in drafts)
        {
            Assert.Equal(FormulaSafe(draft), downloaded[row][answerColumn]);
        }
        Assert.Equal("'" + EditedAnswer, downloaded[4][answerColumn]);
        Assert.Equal("'" + FormulaComment, downloaded[7][existed ? 3 : 2]);
        Assert.Contains(downloaded[7], cell => cell == UnicodeQuestion);
        // Nothing a spreadsheet would run as a formula.
        Assert.DoesNotContain(downloaded.SelectMany(r => r), cell => cell.Length > 0 && "=+-@\t\r".Contains(cell[0], StringComparison.Ordinal));
    }

    private static void AssertXlsx(List<string[]?> original, byte[] downloaded, Dictionary<int, string> drafts, int answerColumn, bool existed)
    {
        var cells = ReadXlsx(downloaded, out var sheets);
        Assert.Equal(["Questions", "Notes"], sheets);
        var answerLetter = (char)('A' + answerColumn);
        for (var r = 0; r < original.Count; r++)
        {
            var row = original[r] ?? [];
            for (var c = 0; c < row.Length; c++)
            {
                var reference = $"{(char)('A' + c)}{r + 1}";
                if (row[c].Length == 0 || (c == answerColumn && drafts.ContainsKey(r)))
                {
                    continue;
                }
                var cell = cells[reference];
                if (row[c] == FormulaComment)
                {
                    Assert.True(cell.Formula, "The customer's own formula is kept as it was.");
                    continue;
                }
                Assert.Equal(row[c], cell.Text);
                Assert.False(cell.Formula);
            }
        }
        // The blank rows stay blank, and the header keeps its style.
        Assert.DoesNotContain(cells.Keys, k => k.EndsWith('2') && k.Length == 2 || k.EndsWith('6') && k.Length == 2);
        Assert.Equal(1U, cells["A3"].Style);
        Assert.Equal(existed ? "Response" : "Answer", cells[$"{answerLetter}3"].Text);
        foreach (var (row, draft) in drafts)
        {
            var cell = cells[$"{answerLetter}{row + 1}"];
            Assert.Equal(draft, cell.Text);
            Assert.False(cell.Formula);
        }
        Assert.Equal(EditedAnswer, cells[$"{answerLetter}5"].Text);
        Assert.Equal(original.Count, cells.Keys.Max(k => int.Parse(k[1..], System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static string FormulaSafe(string cell) => cell.Length > 0 && "=+-@\t\r".Contains(cell[0], StringComparison.Ordinal) ? "'" + cell : cell;

    private async Task<Questionnaire> UploadAsync(string fileName, byte[] content)
    {
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(Sales));
        var service = scope.ServiceProvider.GetRequiredService<QuestionnaireService>();
        var (result, id) = await service.UploadAsync(fileName, content, "Acme Corporation");
        Assert.True(result.Succeeded, result.Error);
        return (await service.GetAsync(id!.Value))!;
    }
}
