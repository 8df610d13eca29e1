using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Answers.Questionnaires;

namespace TrustPortal.IntegrationTests.Answers;

/// <summary>Files that are not questionnaires, or too large, are refused with a message and leave nothing behind.</summary>
public sealed class QuestionnaireUploadTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    public static TheoryData<string, string, string> BadFiles() => new()
    {
        { "questions.txt", "text", "Upload a .csv or .xlsx file" },
        { "questions.xls", "text", "Upload a .csv or .xlsx file" },
        { "questions.csv", "nul", "not a CSV text file" },
        { "questions.csv", "latin1", "not UTF-8" },
        { "questions.csv", "empty", "empty" },
        { "questions.csv", "too-large", "larger than 5 MB" },
        { "questions.csv", "too-many-rows", "more than 2,000 rows" },
        { "questions.csv", "no-questions", "No questions were found" },
        { "questions.xlsx", "text", "not an Excel workbook" },
        { "questions.xlsx", "zip", "not an Excel workbook" },
        { "questions.xlsx", "zip-bomb", "unpacks to more than" },
        { "questions.xlsx", "broken-workbook", "could not be read" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Upload_OfABadFile_IsRefusedWithAMessage_AndStoresNothing(string fileName, string kind, string message)
    {
        var (questionnaires, audits) = await CountsAsync();
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync("legal@trustportal.local"));
        var service = scope.ServiceProvider.GetRequiredService<QuestionnaireService>();

        var (result, id) = await service.UploadAsync(fileName, Content(kind), null);

        Assert.False(result.Succeeded);
        Assert.Null(id);
        Assert.Contains(message, result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal((questionnaires, audits), await CountsAsync());
    }

    [Fact]
    public async Task Customers_CannotUploadReadOrDownload()
    {
        var (questionnaires, _) = await CountsAsync();
        Guid existing;
        await using (var staff = portal.ScopeAs(await portal.PrincipalForAsync("admin@trustportal.local")))
        {
            var (ok, id) = await staff.ServiceProvider.GetRequiredService<QuestionnaireService>().UploadAsync("q.csv", Encoding.UTF8.GetBytes("Question\nDo you have a SOC 2 report?\n"), null);
            Assert.True(ok.Succeeded, ok.Error);
            existing = id!.Value;
        }
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync("customer@acme.example"));
        var service = scope.ServiceProvider.GetRequiredService<QuestionnaireService>();

        Assert.False((await service.UploadAsync("q.csv", Encoding.UTF8.GetBytes("Question\nDo you have a SOC 2 report?\n"), null)).Result.Succeeded);
        Assert.Null(await service.GetAsync(existing));
        Assert.Null(await service.DownloadAsync(existing));
        Assert.False((await service.DeleteAsync(existing)).Succeeded);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.ListAsync());
        Assert.Equal(questionnaires + 1, (await CountsAsync()).Questionnaires);

        // Staff can delete it, with its rows and file.
        await using var admin = portal.ScopeAs(await portal.PrincipalForAsync("admin@trustportal.local"));
        Assert.True((await admin.ServiceProvider.GetRequiredService<QuestionnaireService>().DeleteAsync(existing)).Succeeded);
        await using var db = portal.CreateDbContext();
        Assert.False(await db.QuestionnaireRows.AnyAsync(r => r.QuestionnaireId == existing));
        Assert.False(await db.QuestionnaireFiles.AnyAsync(f => f.QuestionnaireId == existing));
    }

    private async Task<(int Questionnaires, int Audits)> CountsAsync()
    {
        await using var db = portal.CreateDbContext();
        return (await db.Questionnaires.CountAsync(), await db.AuditEvents.CountAsync());
    }

    private static byte[] Content(string kind) => kind switch
    {
        "text" => Encoding.UTF8.GetBytes("Question\nDo you encrypt data?\n"),
        "nul" => [.. Encoding.UTF8.GetBytes("Question\nDo you"), 0, .. Encoding.UTF8.GetBytes(" encrypt?\n")],
        "latin1" => Encoding.Latin1.GetBytes("Question\nGérez-vous les données?\n"),
        "empty" => [],
        "too-large" => Encoding.UTF8.GetBytes("Question\n" + new string('x', QuestionnaireLimits.MaxBytes)),
        "too-many-rows" => Encoding.UTF8.GetBytes("Question\n" + string.Concat(Enumerable.Repeat("Do you?\n", QuestionnaireLimits.MaxRows + 1))),
        "no-questions" => Encoding.UTF8.GetBytes("ID,Question\n1,\n2,\n"),
        "zip" => Zip(("readme.txt", 10)),
        // 60 MB of one letter packs into a few dozen kilobytes.
        "zip-bomb" => Zip(("xl/workbook.xml", 10), ("xl/worksheets/sheet1.xml", 60 * 1024 * 1024)),
        "broken-workbook" => Zip(("xl/workbook.xml", 100), ("[Content_Types].xml", 100)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static byte[] Zip(params (string Name, int Size)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, size) in entries)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                var block = Encoding.ASCII.GetBytes(new string('a', 64 * 1024));
                for (var written = 0; written < size; written += block.Length)
                {
                    entry.Write(block, 0, Math.Min(block.Length, size - written));
                }
            }
        }
        return stream.ToArray();
    }
}
