using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Agreements.Library;
using TrustPortal.Web.Features.Attestations;
using TrustPortal.Web.Features.TrustCenter;
using TrustPortal.Web.Shared;

namespace TrustPortal.Benchmarks;

/// <summary>
/// "scale [organizations] [agreements]": Legal's workspace over a large book of business. Seeds the portal (Release
/// build, real Kestrel, real SQLite file) with N organizations, M agreements (each with a stored document) and their
/// attestations, then times the first page of the attestation matrix and of a filtered agreement library (services and
/// the real prerendered HTTP pages), and exports about 1,000 agreements over HTTP while sampling memory.
/// Targets: median under 150 ms for every timed page; export working-set growth under 150 MB. Exits 1 if one is missed.
/// </summary>
public static class ScaleRun
{
    private const int Warmups = 3;
    private const int Runs = 20;
    private const double PageTargetMs = 150;
    private const long MemoryTargetBytes = 150L * 1024 * 1024;
    private const int ExportSize = 1_000;
    private const int PlaceholderBytes = 2_048;
    private const string Legal = "legal@trustportal.local";
    private const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    /// <summary>The day on which exactly <see cref="ExportSize"/> agreements (those with real PDFs) are executed.</summary>
    private static readonly DateOnly ExportDay = new(2025, 6, 2);
    private static readonly DateTime SpreadStart = new(2024, 11, 28, 0, 0, 0, DateTimeKind.Utc);
    private const int SpreadDays = 730;

    private static readonly ComplianceFramework[] Frameworks =
        [ComplianceFramework.Soc2Type2, ComplianceFramework.Gdpr, ComplianceFramework.Ccpa, ComplianceFramework.Hipaa];

    private static readonly string[] Prefixes = ["Acorn", "Blue", "Cedar", "Delta", "Ember", "Fjord", "Granite", "Harbor", "Iris", "Juniper",
        "Kestrel", "Lumen", "Maple", "Nimbus", "Orchid", "Pine", "Quartz", "River", "Summit", "Tidal", "Umber", "Vertex", "Willow", "Zephyr"];
    private static readonly string[] Suffixes = ["Analytics", "Health", "Logistics", "Labs", "Systems", "Foods", "Capital", "Robotics", "Media", "Energy"];

    public static async Task<int> RunAsync(int organizations, int agreements)
    {
        using var portal = new QuietPortal();
        var baseAddress = portal.BaseAddress;
        Console.WriteLine($"Scale: {organizations:N0} organizations, {agreements:N0} agreements against {baseAddress}");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");

        var seeding = Stopwatch.StartNew();
        var seeded = await SeedAsync(portal, organizations, agreements);
        seeding.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Seeded {seeded.Organizations:N0} organizations, {seeded.Agreements:N0} agreements + documents ({seeded.RealPdfs:N0} real PDFs of {seeded.PdfBytes:N0} bytes), {seeded.Attestations:N0} attestations in {seeding.Elapsed.TotalSeconds:0.0} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Database file: {new FileInfo(Path.Combine(portal.DataDirectory, "portal.db")).Length / 1024.0 / 1024.0:0} MB"));

        var legal = await portal.PrincipalForAsync(Legal);
        var results = new List<(string What, double Median, double P95)>();
        var libraryFilter = new AgreementFilter
        {
            Kind = AgreementKind.Dpa,
            Statuses = [AgreementStatus.Executed],
            ExecutedFrom = new DateOnly(2025, 1, 1),
            ExecutedTo = new DateOnly(2025, 12, 31),
        };

        var counts = new Dictionary<string, int>();
        var firstNames = new Dictionary<string, string>();
        results.Add(await TimeAsync("(a) AttestationService.QueryAsync, first page, no filter", async () =>
        {
            await using var scope = portal.ScopeAs(legal);
            var page = await scope.ServiceProvider.GetRequiredService<AttestationService>().QueryAsync(new AttestationQuery());
            counts["a"] = page.Total;
            firstNames["a"] = page.Rows[0].OrganizationName;
        }));
        results.Add(await TimeAsync("(b) AttestationService.QueryAsync, GDPR + Superseded", async () =>
        {
            await using var scope = portal.ScopeAs(legal);
            var page = await scope.ServiceProvider.GetRequiredService<AttestationService>()
                .QueryAsync(new AttestationQuery(ComplianceFramework.Gdpr, AttestationStatus.Superseded));
            counts["b"] = page.Total;
        }));
        results.Add(await TimeAsync("(c) AgreementLibrary.QueryAsync, first page, DPA + Executed + 2025", async () =>
        {
            await using var scope = portal.ScopeAs(legal);
            var page = await scope.ServiceProvider.GetRequiredService<AgreementLibrary>()
                .QueryAsync(libraryFilter, AgreementSort.Default, 0, 25);
            counts["c"] = page.Total;
            firstNames["c"] = page.Rows[0].Number;
        }));
        Console.WriteLine($"  totals: (a) {counts["a"]:N0} organizations, (b) {counts["b"]:N0}, (c) {counts["c"]:N0} agreements");

        using var client = new PortalClient(baseAddress);
        await client.SignInAsync(Legal, PortalFactory.DemoPassword);
        var pages = new Dictionary<string, string>();
        results.Add(await TimeAsync("(d) HTTP GET /legal/attestations (prerender)", async () =>
            pages["d"] = await GetPageAsync(client, "/legal/attestations")));
        var libraryUrl = "/legal/agreements?" + libraryFilter.ToQueryString();
        results.Add(await TimeAsync($"(e) HTTP GET {libraryUrl} (prerender)", async () =>
            pages["e"] = await GetPageAsync(client, libraryUrl)));
        // Whether the prerendered HTML already holds the grid's first row, i.e. whether the GET timed the grid query.
        Console.WriteLine($"  (d) {pages["d"].Length:N0} chars, contains first row '{firstNames["a"]}': {pages["d"].Contains(firstNames["a"], StringComparison.Ordinal)}; "
            + $"(e) {pages["e"].Length:N0} chars, contains first row '{firstNames["c"]}': {pages["e"].Contains(firstNames["c"], StringComparison.Ordinal)}, "
            + $"contains any agreement number: {pages["e"].Contains("DPA-20", StringComparison.Ordinal) || pages["e"].Contains("BAA-20", StringComparison.Ordinal)}");

        var export = await ExportAsync(client, seeded.ExportFilter);
        var whatIf = await DiagnoseAsync(portal, legal, libraryFilter);

        Console.WriteLine();
        Console.WriteLine("| measurement | median | p95 | target (median < 150 ms) |");
        Console.WriteLine("|---|---|---|---|");
        var ok = true;
        foreach (var (what, median, p95) in results)
        {
            var met = median < PageTargetMs;
            ok &= met;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {median:0.0} ms | {p95:0.0} ms | {(met ? "met" : "**not met**")} |"));
        }
        var memoryMet = export.PeakDelta < MemoryTargetBytes && export.Entries >= ExportSize;
        ok &= memoryMet;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Export: {export.Entries:N0} agreements (X-Export-Count), {export.Bytes:N0} bytes in {export.Elapsed.TotalMilliseconds:0} ms, status {(int)export.Status}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  working set: before {Mb(export.WorkingSetBefore)}, sampled peak {Mb(export.SampledPeak)} (+{Mb(export.PeakDelta)}), after {Mb(export.WorkingSetAfter)}; samples {export.Samples}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  PeakWorkingSet64: before {Mb(export.PeakBefore)}, after {Mb(export.PeakAfter)} (process lifetime, includes seeding)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  managed heap (GC.GetTotalMemory): before {Mb(export.ManagedBefore)}, sampled peak {Mb(export.ManagedPeak)}, after {Mb(export.ManagedAfter)}"));
        Console.WriteLine($"  target: working-set growth during the export < 150 MB: {(memoryMet ? "met" : "**not met**")}");
        Console.WriteLine();
        Console.WriteLine("What-if, NOT part of the pass/fail (candidate indexes created on this run's throw-away database only):");
        foreach (var (what, median, p95) in whatIf)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {median:0.0} ms | {p95:0.0} ms |"));
        }
        return ok ? 0 : 1;
    }

    /// <summary>
    /// Where the time of the slow queries goes: the SQL the services send (hand-written mirrors of the EF queries, count
    /// and page apart), their plans, and the services again after creating candidate indexes on this throw-away database.
    /// Raw SQL here is bench diagnosis only.
    /// </summary>
    private static async Task<List<(string, double, double)>> DiagnoseAsync(PortalFactory portal, System.Security.Claims.ClaimsPrincipal legal, AgreementFilter libraryFilter)
    {
        const string agreementWhere = "a.Kind = 'Dpa' AND a.Status IN ('Executed') AND a.ExecutedAtUtc >= '2025-01-01 00:00:00' AND a.ExecutedAtUtc < '2026-01-01 00:00:00'";
        const string attestationExists = "EXISTS (SELECT 1 FROM Attestations AS a WHERE a.OrganizationId = o.Id AND a.Framework = 'Gdpr' AND a.Status = 'Superseded')";
        var queries = new (string Name, string Sql)[]
        {
            ("(b) count", $"SELECT COUNT(*) FROM Organizations AS o WHERE {attestationExists}"),
            ("(b) page", $"SELECT o.Id, o.Name FROM Organizations AS o WHERE {attestationExists} ORDER BY o.Name, o.Id LIMIT 25 OFFSET 0"),
            ("(c) count", $"SELECT COUNT(*) FROM Agreements AS a WHERE {agreementWhere}"),
            ("(c) page", $"SELECT a.Id, a.Number, a.Kind, a.Status, o.Name, a.Customer_LegalName, a.TemplateVersion, a.ExecutedAtUtc, a.StatusReason FROM Agreements AS a INNER JOIN Organizations AS o ON a.OrganizationId = o.Id WHERE {agreementWhere} ORDER BY a.ExecutedAtUtc DESC, a.Number DESC LIMIT 25 OFFSET 0"),
            ("(d) coverage", "SELECT a.Framework, COUNT(*) FROM Attestations AS a WHERE a.Status = 'Current' GROUP BY a.Framework"),
        };
        await using var db = portal.CreateDbContext();
        Console.WriteLine();
        Console.WriteLine("EF SQL of (c)'s page query (mirror of AgreementLibrary.BuildPageQuery):");
        var statuses = libraryFilter.Statuses.ToList();
        var start = libraryFilter.ExecutedFrom!.Value.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = libraryFilter.ExecutedTo!.Value.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        Console.WriteLine(db.Agreements.AsNoTracking()
            .Where(a => a.Kind == AgreementKind.Dpa && statuses.Contains(a.Status) && a.ExecutedAtUtc >= start && a.ExecutedAtUtc < end)
            .OrderByDescending(a => a.ExecutedAtUtc).ThenByDescending(a => a.Number).Skip(0).Take(25)
            .Select(a => new { a.Id, a.Number, a.Kind, a.Status, a.Organization!.Name, a.Customer.LegalName, a.TemplateVersion, a.ExecutedAtUtc, a.StatusReason })
            .ToQueryString());
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        async Task ExplainAndTimeAsync(string label)
        {
            Console.WriteLine($"SQL diagnosis, {label}:");
            foreach (var (name, sql) in queries)
            {
                await using var explain = connection.CreateCommand();
                explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
                var plan = new List<string>();
                await using (var reader = await explain.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        plan.Add(reader.GetString(3));
                    }
                }
                var times = new List<double>();
                for (var i = 0; i < 6; i++)
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = sql;
                    var watch = Stopwatch.StartNew();
                    await using (var reader = await command.ExecuteReaderAsync())
                    {
                        while (await reader.ReadAsync())
                        {
                            // Drain.
                        }
                    }
                    if (i > 0)
                    {
                        times.Add(watch.Elapsed.TotalMilliseconds);
                    }
                }
                times.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: median {times[times.Count / 2]:0.0} ms; plan: {string.Join(" | ", plan)}"));
            }
        }
        await ExplainAndTimeAsync("schema as migrated");
        foreach (var index in (string[])[
            "CREATE INDEX IX_WhatIf_Agreements_Kind_Status_ExecutedAtUtc ON Agreements (Kind, Status, ExecutedAtUtc)",
            "CREATE INDEX IX_WhatIf_Attestations_OrganizationId_Framework_Status ON Attestations (OrganizationId, Framework, Status)",
            "CREATE INDEX IX_WhatIf_Attestations_Status_Framework ON Attestations (Status, Framework)"])
        {
            Console.WriteLine($"what-if: {index}");
            await ExecuteAsync(connection, index);
        }
        await ExplainAndTimeAsync("with the what-if indexes");
        await connection.CloseAsync();

        var results = new List<(string, double, double)>();
        results.Add(await TimeAsync("what-if (b) AttestationService.QueryAsync, GDPR + Superseded", async () =>
        {
            await using var scope = portal.ScopeAs(legal);
            await scope.ServiceProvider.GetRequiredService<AttestationService>().QueryAsync(new AttestationQuery(ComplianceFramework.Gdpr, AttestationStatus.Superseded));
        }));
        results.Add(await TimeAsync("what-if (c) AgreementLibrary.QueryAsync, DPA + Executed + 2025", async () =>
        {
            await using var scope = portal.ScopeAs(legal);
            await scope.ServiceProvider.GetRequiredService<AgreementLibrary>().QueryAsync(libraryFilter, AgreementSort.Default, 0, 25);
        }));
        return results;
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.0} MB");

    private static async Task<(string, double, double)> TimeAsync(string what, Func<Task> action)
    {
        for (var i = 0; i < Warmups; i++)
        {
            await action();
        }
        var times = new double[Runs];
        for (var i = 0; i < Runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        var median = (times[(Runs - 1) / 2] + times[Runs / 2]) / 2;
        var p95 = times[Math.Min(Runs - 1, (int)Math.Ceiling(0.95 * Runs) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: median {median:0.0} ms, p95 {p95:0.0} ms, min {times[0]:0.0}, max {times[^1]:0.0}"));
        return (what, median, p95);
    }

    private static async Task<string> GetPageAsync(PortalClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url}: {(int)response.StatusCode} {response.Headers.Location}");
        }
        return body;
    }

    private sealed record ExportFigures(HttpStatusCode Status, int Entries, long Bytes, TimeSpan Elapsed, long WorkingSetBefore, long SampledPeak,
        long WorkingSetAfter, long PeakBefore, long PeakAfter, long ManagedBefore, long ManagedPeak, long ManagedAfter, int Samples)
    {
        public long PeakDelta => SampledPeak - WorkingSetBefore;
    }

    private static async Task<ExportFigures> ExportAsync(PortalClient client, AgreementFilter filter)
    {
        // PortalClient buffers whole responses; the export must be read as a stream, or the bench itself would hold the
        // ZIP and the memory figure would measure the client. Its cookie-carrying HttpClient is private, hence reflection.
        var http = (HttpClient)typeof(PortalClient).GetField("http", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(client)!;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var before = Process.GetCurrentProcess();
        var workingSetBefore = before.WorkingSet64;
        var peakBefore = before.PeakWorkingSet64;
        var managedBefore = GC.GetTotalMemory(false);
        long sampledPeak = workingSetBefore, managedPeak = managedBefore;
        var samples = 0;
        using var stopSampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
            try
            {
                while (await timer.WaitForNextTickAsync(stopSampling.Token))
                {
                    sampledPeak = Math.Max(sampledPeak, Environment.WorkingSet);
                    managedPeak = Math.Max(managedPeak, GC.GetTotalMemory(false));
                    samples++;
                }
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        });

        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync($"{AgreementExport.Path}?{filter.ToQueryString()}", HttpCompletionOption.ResponseHeadersRead);
        var entries = int.Parse(response.Headers.TryGetValues(LibraryRegistration.CountHeader, out var count) ? count.First() : "0", CultureInfo.InvariantCulture);
        long bytes = 0;
        await using (var body = await response.Content.ReadAsStreamAsync())
        {
            var buffer = new byte[81_920];
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                bytes += read;
            }
        }
        watch.Stop();
        await stopSampling.CancelAsync();
        await sampler;
        using var after = Process.GetCurrentProcess();
        sampledPeak = Math.Max(sampledPeak, after.WorkingSet64);
        return new ExportFigures(response.StatusCode, entries, bytes, watch.Elapsed, workingSetBefore, sampledPeak, after.WorkingSet64,
            peakBefore, after.PeakWorkingSet64, managedBefore, managedPeak, GC.GetTotalMemory(false), samples);
    }

    private sealed record Seeded(int Organizations, int Agreements, int RealPdfs, long PdfBytes, int Attestations, AgreementFilter ExportFilter);

    /// <summary>
    /// Bulk seeding. Raw SQL is acceptable here and ONLY here, in bench seeding code: batched, prepared ADO.NET INSERTs
    /// on the portal's own SqliteConnection inside transactions, because change tracking a million rows would make the
    /// seeding, not the portal, the subject of the run. Values are written in the formats the EF Core SQLite provider
    /// writes them: Guids as upper-case text, DateTimes as "yyyy-MM-dd HH:mm:ss.FFFFFFF", enums as their names.
    /// </summary>
    private static async Task<Seeded> SeedAsync(PortalFactory portal, int organizationCount, int agreementCount)
    {
        await using var db = portal.CreateDbContext();
        var templates = await db.AgreementTemplates.AsNoTracking().Select(t => new { t.Id, t.Kind, t.Version }).ToListAsync();
        Guid TemplateFor(AgreementKind kind, int version) =>
            (templates.FirstOrDefault(t => t.Kind == kind && t.Version == version)
             ?? templates.Where(t => t.Kind == kind).OrderByDescending(t => t.Version).FirstOrDefault()
             ?? templates.First()).Id;
        var acmePdf = await db.AgreementDocuments.AsNoTracking().Where(d => db.Agreements.Any(a => a.Id == d.AgreementId && a.Kind == AgreementKind.Dpa))
            .Select(d => d.Content).FirstAsync();
        var acmeSha = Convert.ToHexStringLower(SHA256.HashData(acmePdf));
        var sequences = (await db.Agreements.AsNoTracking().GroupBy(a => new { a.Kind, a.Year }).Select(g => new { g.Key.Kind, g.Key.Year, Max = g.Max(a => a.Sequence) }).ToListAsync())
            .ToDictionary(x => (x.Kind, x.Year), x => x.Max);

        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await ExecuteAsync(connection, "PRAGMA synchronous=OFF;");
        var random = new Random(42);
        var now = DateTime.UtcNow;

        // Organizations.
        var organizationIds = new Guid[organizationCount];
        await InsertAsync(connection, "INSERT INTO Organizations (Id, Name, CreatedAtUtc) VALUES ($p0, $p1, $p2)", 3, organizationCount, (i, p) =>
        {
            organizationIds[i] = Guid.NewGuid();
            p[0].Value = Text(organizationIds[i]);
            p[1].Value = string.Create(CultureInfo.InvariantCulture,
                $"{Prefixes[random.Next(Prefixes.Length)]} {Suffixes[random.Next(Suffixes.Length)]} {i:000000} Ltd");
            p[2].Value = Text(now.AddDays(-random.Next(1, 1000)));
        });

        // Agreements: executed dates spread over two years; exactly ExportSize on ExportDay, which carry the real PDF.
        var exportDay = ExportDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var dates = new DateTime[agreementCount];
        for (var i = 0; i < agreementCount; i++)
        {
            if (i < Math.Min(ExportSize, agreementCount))
            {
                dates[i] = exportDay.AddSeconds(random.Next(86_400));
                continue;
            }
            DateTime date;
            do
            {
                date = SpreadStart.AddSeconds(random.NextDouble() * SpreadDays * 86_400);
            }
            while (DateOnly.FromDateTime(date) == ExportDay);
            dates[i] = date;
        }
        Array.Sort(dates);
        var placeholder = new byte[PlaceholderBytes];
        random.NextBytes(placeholder);
        var agreementIds = new Guid[agreementCount];
        var real = new bool[agreementCount];
        const string agreementSql = """
            INSERT INTO Agreements (Id, Number, Kind, Year, Sequence, Status, OrganizationId, TemplateId, TemplateVersion,
                Customer_LegalName, Customer_Address, Customer_Country, Customer_CompanyNumber, VendorLegalName, VendorSignatoryName,
                VendorSignatoryTitle, SignerName, SignerTitle, SignerEmail, SignerUserId, SignerIpAddress, SignerUserAgent, ExecutedAtUtc,
                DetailsJson, TemplateSha256, CommitmentsVersion, CommitmentsSha256, SubprocessorsSha256, StatusReason, StatusChangedAtUtc)
            VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11, NULL, 'Meridian AI, Inc.', 'Morgan Legal', 'General Counsel',
                $p12, 'Chief Executive Officer', $p13, NULL, '198.51.100.7', 'ScaleRun/1.0', $p14, '{}', $p15, 1, $p15, $p15, $p16, $p17)
            """;
        var zeros = new string('0', 64);
        await InsertAsync(connection, agreementSql, 18, agreementCount, (i, p) =>
        {
            var id = agreementIds[i] = Guid.NewGuid();
            real[i] = DateOnly.FromDateTime(dates[i]) == ExportDay;
            var kind = random.Next(4) == 0 ? AgreementKind.Baa : AgreementKind.Dpa;
            var year = dates[i].Year;
            var sequence = sequences[(kind, year)] = sequences.GetValueOrDefault((kind, year)) + 1;
            var roll = random.Next(100);
            var status = roll < 80 ? AgreementStatus.Executed : roll < 93 ? AgreementStatus.Superseded : AgreementStatus.Voided;
            var version = random.Next(3) == 0 ? 1 : 2;
            var organization = organizationIds[random.Next(organizationCount)];
            p[0].Value = Text(id);
            p[1].Value = string.Create(CultureInfo.InvariantCulture, $"{kind.ToString().ToUpperInvariant()}-{year}-{sequence:000000}");
            p[2].Value = kind.ToString();
            p[3].Value = year;
            p[4].Value = sequence;
            p[5].Value = status.ToString();
            p[6].Value = Text(organization);
            p[7].Value = Text(TemplateFor(kind, version));
            p[8].Value = version;
            p[9].Value = string.Create(CultureInfo.InvariantCulture, $"Customer {i:0000000} GmbH");
            p[10].Value = "1 Scale Street, Springfield";
            p[11].Value = "Germany";
            p[12].Value = "Sam Signer";
            p[13].Value = string.Create(CultureInfo.InvariantCulture, $"signer{i}@customer.example");
            p[14].Value = Text(dates[i]);
            p[15].Value = zeros;
            p[16].Value = status == AgreementStatus.Executed ? DBNull.Value : status == AgreementStatus.Voided ? "Voided by the scale benchmark." : "Superseded by a newer DPA.";
            p[17].Value = status == AgreementStatus.Executed ? DBNull.Value : Text(dates[i].AddDays(30) > now ? now : dates[i].AddDays(30));
        });

        // Documents: a 2 KB placeholder (unique per agreement), or the real sealed PDF for the export day.
        long pdfBytes = 0;
        var realCount = 0;
        await InsertAsync(connection, "INSERT INTO AgreementDocuments (AgreementId, Content, Sha256, SizeBytes, CreatedAtUtc) VALUES ($p0, $p1, $p2, $p3, $p4)", 5, agreementCount, (i, p) =>
        {
            byte[] content;
            string sha;
            if (real[i])
            {
                (content, sha) = (acmePdf, acmeSha);
                pdfBytes += acmePdf.Length;
                realCount++;
            }
            else
            {
                content = (byte[])placeholder.Clone();
                agreementIds[i].TryWriteBytes(content);
                sha = Convert.ToHexStringLower(SHA256.HashData(content));
            }
            p[0].Value = Text(agreementIds[i]);
            p[1].Value = content;
            p[2].Value = sha;
            p[3].Value = (long)content.Length;
            p[4].Value = Text(dates[i]);
        });

        // Attestations: each organization has a row for about three in four frameworks, in mixed statuses.
        var rows = new List<(Guid Organization, ComplianceFramework Framework, AttestationStatus Status)>();
        foreach (var organization in organizationIds)
        {
            foreach (var framework in Frameworks)
            {
                if (random.Next(4) == 0)
                {
                    continue;
                }
                var roll = random.Next(100);
                var status = roll switch
                {
                    < 50 => AttestationStatus.Current,
                    < 60 => AttestationStatus.Expiring,
                    < 70 => AttestationStatus.Expired,
                    < 80 => AttestationStatus.Superseded,
                    < 90 => AttestationStatus.InProgress,
                    _ => AttestationStatus.Requested,
                };
                rows.Add((organization, framework, status));
            }
        }
        await InsertAsync(connection, """
            INSERT INTO Attestations (Id, OrganizationId, Framework, Status, EvidenceType, EvidenceId, EvidenceLabel, EffectiveAtUtc, ExpiresAtUtc, UpdatedAtUtc)
            VALUES ($p0, $p1, $p2, $p3, NULL, NULL, $p4, $p5, $p6, $p5)
            """, 7, rows.Count, (i, p) =>
        {
            var (organization, framework, status) = rows[i];
            var effective = SpreadStart.AddDays(random.Next(SpreadDays));
            var evidenced = status is AttestationStatus.Current or AttestationStatus.Expiring or AttestationStatus.Expired or AttestationStatus.Superseded;
            p[0].Value = Text(Guid.NewGuid());
            p[1].Value = Text(organization);
            p[2].Value = framework.ToString();
            p[3].Value = status.ToString();
            p[4].Value = evidenced ? "Scale benchmark evidence" : DBNull.Value;
            p[5].Value = Text(effective);
            p[6].Value = evidenced ? Text(effective.AddYears(1)) : DBNull.Value;
        });
        await ExecuteAsync(connection, "PRAGMA synchronous=NORMAL;");
        await connection.CloseAsync();

        var exportFilter = new AgreementFilter { ExecutedFrom = ExportDay, ExecutedTo = ExportDay };
        return new Seeded(organizationCount, agreementCount, realCount, acmePdf.Length, rows.Count, exportFilter);
    }

    private static string Text(Guid id) => id.ToString().ToUpperInvariant();

    private static string Text(DateTime utc) => utc.ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs one prepared INSERT <paramref name="count"/> times, committing every 50,000 rows.</summary>
    private static async Task InsertAsync(DbConnection connection, string sql, int parameters, int count, Action<int, DbParameter[]> bind)
    {
        const int perTransaction = 50_000;
        for (var start = 0; start < count; start += perTransaction)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            var values = new DbParameter[parameters];
            for (var p = 0; p < parameters; p++)
            {
                values[p] = command.CreateParameter();
                values[p].ParameterName = "$p" + p.ToString(CultureInfo.InvariantCulture);
                command.Parameters.Add(values[p]);
            }
            await command.PrepareAsync();
            for (var i = start; i < Math.Min(count, start + perTransaction); i++)
            {
                bind(i, values);
                await command.ExecuteNonQueryAsync();
            }
            await transaction.CommitAsync();
        }
    }

    /// <summary>The portal without per-request logging, which would otherwise be most of what the run measures.</summary>
    private sealed class QuietPortal : PortalFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        };
    }
}
