using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrustPortal.IntegrationTests.Dpa;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Agreements.Library;
using TrustPortal.Web.Shared;

namespace TrustPortal.IntegrationTests.Agreements;

/// <summary>The ZIP export over HTTP on a real Kestrel server (which refuses synchronous writes), and the library page's access.</summary>
public sealed class AgreementExportTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Export_AsLegal_ZipHasEachMatchingPdfAndAManifestThatMatchesThem()
    {
        await LibraryTestData.ExecuteGlobexDpaAsync(portal);
        await LibraryTestData.ExecuteGlobexDpaAsync(portal);
        using var client = await SignedInAsync(LibraryTestData.LegalEmail);

        using var response = await client.GetAsync("/legal/agreements/export?organization=globex&kind=dpa");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        var fileName = response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName;
        Assert.Equal($"agreements-{DateTime.UtcNow:yyyy-MM-dd}.zip", fileName);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);

        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var manifest = ReadManifest(zip);
        Assert.Equal(["number", "organization", "kind", "template_version", "executed_at_utc", "sha256", "status"], manifest[0]);
        var rows = manifest.Skip(1).ToList();

        await using var db = portal.CreateDbContext();
        var expected = await db.Agreements.Where(a => a.Organization!.Name == "Globex Inc." && a.Kind == AgreementKind.Dpa)
            .OrderBy(a => a.ExecutedAtUtc).ThenBy(a => a.Number)
            .Select(a => new { a.Number, a.TemplateVersion, a.ExecutedAtUtc, a.Status, Sha = db.AgreementDocuments.Where(d => d.AgreementId == a.Id).Select(d => d.Sha256).Single() })
            .ToListAsync();
        Assert.True(expected.Count >= 2);
        Assert.Equal(expected.Select(a => a.Number), rows.Select(r => r[0]));
        Assert.Equal(expected.Count + 1, zip.Entries.Count);
        Assert.Equal(expected.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.GetValues(LibraryRegistration.CountHeader).Single());
        foreach (var (row, agreement) in rows.Zip(expected))
        {
            Assert.Equal(["Globex Inc.", "DPA", agreement.TemplateVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
                agreement.ExecutedAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), agreement.Sha, agreement.Status.ToString()],
                row.Skip(1));
            var pdf = ReadEntry(zip, $"{row[0]}.pdf");
            Assert.Equal(row[5], Convert.ToHexStringLower(SHA256.HashData(pdf)));
            Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal);
        }
        Assert.Contains(rows, r => r[6] == "Superseded");
        Assert.Contains(rows, r => r[6] == "Executed");
    }

    [Fact]
    public async Task Export_MoreThanOneBatch_ContainsEveryAgreementExactlyOnce()
    {
        var count = AgreementExport.BatchSize + 17;
        var (_, agreements) = await LibraryTestData.ArrangeCopiesAsync(portal, "Many Batches Holdings", count);
        using var client = await SignedInAsync(LibraryTestData.LegalEmail);

        using var response = await client.GetAsync("/legal/agreements/export?organization=Many%20Batches");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        var numbers = ReadManifest(zip).Skip(1).Select(r => r[0]).ToList();
        Assert.Equal(agreements.Select(a => a.Number).Order(StringComparer.Ordinal), numbers);
        Assert.Equal(numbers.Select(n => $"{n}.pdf").Append(AgreementExport.ManifestName), zip.Entries.Select(e => e.FullName));
    }

    [Fact]
    public async Task Export_StatusFilter_LeavesOutOtherStatuses()
    {
        await LibraryTestData.ArrangeCopiesAsync(portal, "Status Filter Executed Co", 2);
        await LibraryTestData.ArrangeCopiesAsync(portal, "Status Filter Voided Co", 2, AgreementStatus.Voided);
        using var client = await SignedInAsync(LibraryTestData.LegalEmail);

        using var response = await client.GetAsync("/legal/agreements/export?organization=status%20filter&status=voided");

        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        var rows = ReadManifest(zip).Skip(1).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal("Status Filter Voided Co", r[1]));
        Assert.All(rows, r => Assert.Equal("Voided", r[6]));
    }

    [Fact]
    public async Task Export_OrganizationNameThatIsAFormula_IsNeutralisedAndQuotedInTheManifest()
    {
        const string name = "=HYPERLINK(\"http://evil.example\",\"Click\"), Inc.";
        await LibraryTestData.ArrangeCopiesAsync(portal, name, 1);
        using var client = await SignedInAsync(LibraryTestData.LegalEmail);

        using var response = await client.GetAsync("/legal/agreements/export?organization=" + Uri.EscapeDataString("evil.example"));

        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        var text = ReadManifestText(zip);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\"), Inc.\",DPA,", text, StringComparison.Ordinal);
        Assert.Equal("'" + name, ReadManifest(zip)[1][1]);
    }

    [Fact]
    public async Task Export_NothingMatches_IsAZipWithOnlyTheManifestHeader()
    {
        using var client = await SignedInAsync(LibraryTestData.LegalEmail);

        using var response = await client.GetAsync("/legal/agreements/export?q=NO-SUCH-AGREEMENT");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        Assert.Equal(AgreementExport.ManifestName, Assert.Single(zip.Entries).FullName);
        Assert.Single(ReadManifest(zip));
    }

    [Fact]
    public async Task Export_RecordsTheFilterAndCountInTheAuditTrail()
    {
        await LibraryTestData.ArrangeCopiesAsync(portal, "Audited Export GmbH", 3);
        using var client = await SignedInAsync(LibraryTestData.LegalEmail);

        using var response = await client.GetAsync("/legal/agreements/export?organization=audited%20export&kind=dpa");
        await response.Content.ReadAsByteArrayAsync();

        await using var db = portal.CreateDbContext();
        var events = await db.AuditEvents.Where(e => e.Action == "agreements.exported").ToListAsync();
        var audit = Assert.Single(events, e => e.Data.Contains("audited%20export", StringComparison.Ordinal));
        Assert.Equal(LibraryTestData.LegalEmail, audit.ActorName);
        using var data = JsonDocument.Parse(audit.Data);
        Assert.Equal("kind=dpa&organization=audited%20export", data.RootElement.GetProperty("filter").GetString());
        Assert.Equal(3, data.RootElement.GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData("kind=nda", "Unknown kind 'nda'")]
    [InlineData("status=archived", "Unknown status 'archived'")]
    [InlineData("from=yesterday", "not a date")]
    [InlineData("template=x", "not a whole number")]
    [InlineData("colour=blue", "Unknown filter 'colour'")]
    public async Task Export_BadFilterValue_IsBadRequestWithAMessage(string query, string message)
    {
        using var client = await SignedInAsync(LibraryTestData.LegalEmail);
        var exportsBefore = await CountExportsAsync();

        using var response = await client.GetAsync($"/legal/agreements/export?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(exportsBefore, await CountExportsAsync());
    }

    [Fact]
    public async Task ExportAndPage_Anonymous_AreSentToSignIn()
    {
        using var client = new PortalClient(portal.BaseAddress);

        using var export = await client.GetAsync("/legal/agreements/export");
        using var page = await client.GetAsync("/legal/agreements");

        Assert.StartsWith("/Account/Login", export.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.StartsWith("/Account/Login", page.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_ForLegal_RendersTheLibrary()
    {
        using var client = await SignedInAsync(LibraryTestData.LegalEmail);

        var page = await client.GetDocumentAsync("/legal/agreements");

        Assert.Equal("Agreement library", page.QuerySelector("h1")!.TextContent.Trim());
    }

    private async Task<PortalClient> SignedInAsync(string email)
    {
        var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync(email, PortalFactory.DemoPassword);
        return client;
    }

    private async Task<int> CountExportsAsync()
    {
        await using var db = portal.CreateDbContext();
        return await db.AuditEvents.CountAsync(e => e.Action == "agreements.exported");
    }

    private static byte[] ReadEntry(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidOperationException($"No {name} in the ZIP.");
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static string ReadManifestText(ZipArchive zip)
    {
        using var reader = new StreamReader(new MemoryStream(ReadEntry(zip, AgreementExport.ManifestName)), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static List<List<string>> ReadManifest(ZipArchive zip) => LibraryTestData.ParseCsv(ReadManifestText(zip));
}
