using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Playwright;
using TrustPortal.E2E.Layout;
using TrustPortal.E2E.Pages;

namespace TrustPortal.E2E.Answers;

/// <summary>Sales uploads a CSV questionnaire in the browser, picks and edits answers, and downloads the filled file.</summary>
public sealed class QuestionnaireJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Csv = "Security review\n\nNo.,Question,Notes\n1,Do you train models on our API data?,=1+1\n2,Will you sign a Business Associate Agreement for HIPAA?,\n";

    [Fact]
    public async Task Sales_UploadsACsv_ReviewsTheAnswers_AndDownloadsEveryRowWithTheAnswers()
    {
        var page = await Session.SignInAsync(fixture, "sales@trustportal.local");
        await page.SetViewportSizeAsync(1366, 900);
        await page.OpenAsync("/sales/questionnaires");

        await page.Locator("#questionnaire-file").SetInputFilesAsync(new FilePayload
        {
            Name = "Browser upload.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Csv),
        });
        // The upload navigates inside the circuit (no page load); an error would show as an alert instead.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Browser upload.csv", new() { Timeout = 30_000 });
        Assert.Contains("/sales/questionnaires/", page.Url, StringComparison.Ordinal);

        // The best match for the training question is the training answer, already in the draft.
        var training = page.Locator("article", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Row 4. Do you train models on our API data?" }) });
        await Assertions.Expect(training.Locator(".questionnaire-match").First).ToContainTextAsync("Do you train your models on the data we send through the API?");
        await Assertions.Expect(training.GetByLabel("Answer for row 4")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^No\\. Nothing you submit"));
        await training.GetByRole(AriaRole.Button, new() { Name = "Save and mark reviewed" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Row 4 reviewed.")).ToBeVisibleAsync();

        var hipaa = page.Locator("article", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Row 5. Will you sign a Business Associate Agreement for HIPAA?" }) });
        await hipaa.GetByLabel("Answer for row 5").FillAsync("Yes, for qualifying use cases. Ask your account manager.");
        await hipaa.GetByRole(AriaRole.Button, new() { Name = "Save and mark reviewed" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Row 5 reviewed.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("2 of 2 questions reviewed", new() { Exact = false })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = LayoutTests.ScreenshotPath("sales", 1366, "questionnaire-reviewed"), FullPage = true });

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download answered CSV" }).ClickAsync());
        Assert.Equal("Browser upload (answered).csv", download.SuggestedFilename);
        var path = await download.PathAsync();
        var records = Read(await File.ReadAllTextAsync(path!));

        Assert.Equal(5, records.Count);
        Assert.Equal(["Security review"], records[0]);
        Assert.Empty(records[1]);
        Assert.Equal(["No.", "Question", "Notes", "Answer"], records[2]);
        Assert.Equal("'=1+1", records[3][2]);
        Assert.StartsWith("No. Nothing you submit", records[3][3], StringComparison.Ordinal);
        Assert.Equal(["2", "Will you sign a Business Associate Agreement for HIPAA?", "", "Yes, for qualifying use cases. Ask your account manager."], records[4]);
    }

    private static List<string[]> Read(string text)
    {
        using var reader = new StringReader(text.TrimStart('\uFEFF'));
        using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { IgnoreBlankLines = false, HasHeaderRecord = false });
        var records = new List<string[]>();
        while (parser.Read())
        {
            records.Add(parser.Record is [""] ? [] : parser.Record!);
        }
        return records;
    }
}
