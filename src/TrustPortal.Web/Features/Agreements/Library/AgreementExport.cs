using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Security;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Agreements.Library;

/// <summary>
/// Writes a filtered set of executed agreements as a ZIP: one <c>{Number}.pdf</c> per agreement and a
/// <c>manifest.csv</c> last. Memory stays flat whatever the size of the set: agreements are read in keyset batches,
/// documents one at a time, and the archive is written straight to the output as it goes.
/// </summary>
public sealed class AgreementExport(
    IDbContextFactory<AppDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    TimeProvider clock,
    ILogger<AgreementExport> logger)
{
    public const string Path = "/legal/agreements/export";
    public const string ManifestName = "manifest.csv";
    public const int BatchSize = 100;

    /// <summary>
    /// Fixes what the export contains (the filter, and agreements executed up to now) and records it in the audit
    /// trail before a byte leaves: if the audit cannot be written, there is no export.
    /// </summary>
    public async Task<AgreementExportPlan> PlanAsync(AgreementFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await DemandLegalAsync();
        if (filter.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(filter));
        }
        var cutoff = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var matching = Matching(db, filter, cutoff);
        var count = await matching.CountAsync(cancellationToken);
        var bytes = await matching.Join(db.AgreementDocuments, a => a.Id, d => d.AgreementId, (a, d) => d.SizeBytes).SumAsync(cancellationToken);
        var plan = new AgreementExportPlan(Guid.NewGuid(), filter, cutoff, count, bytes, $"agreements-{cutoff:yyyy-MM-dd}.zip");
        await audit.RecordAsync(db, "agreements.exported", "AgreementExport", plan.Id.ToString(),
            new { filter = filter.ToQueryString(), count, executedUpToUtc = cutoff, file = plan.FileName });
        await db.SaveChangesAsync(cancellationToken);
        return plan;
    }

    /// <summary>Writes the planned export to <paramref name="output"/>, which need not be seekable; returns the number of PDFs written.</summary>
    public async Task<int> WriteAsync(Stream output, AgreementExportPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(plan);
        await DemandLegalAsync();
        // Only the small manifest lines accumulate, so that each line describes exactly the PDF written beside it.
        var manifest = new StringBuilder().Append(ManifestCsv.Header).Append(Csv.LineEnding);
        var written = 0;
        await using var buffered = new BufferedResponseStream(output);
        await using (var archive = await ZipArchive.CreateAsync(buffered, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken))
        {
            ExportCursor? cursor = null;
            while (true)
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                var batch = await NextBatch(db, plan, cursor).ToListAsync(cancellationToken);
                foreach (var item in batch)
                {
                    // One document's bytes in memory at a time.
                    var document = await db.AgreementDocuments.AsNoTracking()
                        .Where(d => d.AgreementId == item.Id)
                        .Select(d => new { d.Content, d.Sha256 })
                        .FirstOrDefaultAsync(cancellationToken);
                    if (document is null)
                    {
                        logger.LogWarning("Agreement {Number} has no stored document; left out of export {ExportId}.", item.Number, plan.Id);
                        continue;
                    }
                    var entry = archive.CreateEntry($"{item.Number}.pdf", CompressionLevel.Fastest);
                    entry.LastWriteTime = ZipTime(item.ExecutedAtUtc);
                    await using (var stream = await entry.OpenAsync(cancellationToken))
                    {
                        await stream.WriteAsync(document.Content, cancellationToken);
                    }
                    manifest.Append(ManifestCsv.Row(item.Number, item.OrganizationName, item.Kind, item.TemplateVersion, item.ExecutedAtUtc,
                        document.Sha256, item.Status)).Append(Csv.LineEnding);
                    written++;
                    // Send this entry now, so that the browser's progress moves and the buffer never holds more than one entry.
                    await buffered.DrainAsync(cancellationToken);
                }
                if (batch.Count < BatchSize)
                {
                    break;
                }
                cursor = new ExportCursor(batch[^1].ExecutedAtUtc, batch[^1].Number);
            }

            var manifestEntry = archive.CreateEntry(ManifestName, CompressionLevel.Optimal);
            manifestEntry.LastWriteTime = ZipTime(plan.ExecutedUpToUtc);
            await using (var stream = await manifestEntry.OpenAsync(cancellationToken))
            {
                // With a byte-order mark, spreadsheet programs read the names as UTF-8.
                await stream.WriteAsync(Encoding.UTF8.GetPreamble(), cancellationToken);
                await stream.WriteAsync(Encoding.UTF8.GetBytes(manifest.ToString()), cancellationToken);
            }
        }
        // The central directory, written when the archive is disposed.
        await buffered.DrainAsync(cancellationToken);
        logger.LogInformation("Export {ExportId} wrote {Count} agreements.", plan.Id, written);
        return written;
    }

    // ZIP stores DOS times, 1980 to 2107; anything outside is clamped rather than failing the export.
    private static DateTimeOffset ZipTime(DateTime utc)
    {
        var clamped = utc.Year < 1980 ? new DateTime(1980, 1, 1) : utc.Year > 2107 ? new DateTime(2107, 12, 31) : utc;
        return new DateTimeOffset(DateTime.SpecifyKind(clamped, DateTimeKind.Utc));
    }

    private static IQueryable<Agreement> Matching(AppDbContext db, AgreementFilter filter, DateTime cutoff) =>
        AgreementLibrary.Filter(db.Agreements.AsNoTracking(), filter).Where(a => a.ExecutedAtUtc <= cutoff);

    /// <summary>
    /// The next batch after <paramref name="cursor"/>, ordered by execution time then number. The number is unique, so
    /// the key (time, number) never skips or repeats an agreement, unlike an offset while others are being executed.
    /// </summary>
    internal static IQueryable<ExportItem> NextBatch(AppDbContext db, AgreementExportPlan plan, ExportCursor? cursor)
    {
        var agreements = Matching(db, plan.Filter, plan.ExecutedUpToUtc);
        if (cursor is { } after)
        {
            agreements = agreements.Where(a => a.ExecutedAtUtc > after.ExecutedAtUtc
                || (a.ExecutedAtUtc == after.ExecutedAtUtc && a.Number.CompareTo(after.Number) > 0));
        }
        return agreements
            .OrderBy(a => a.ExecutedAtUtc).ThenBy(a => a.Number)
            .Take(BatchSize)
            .Select(a => new ExportItem(a.Id, a.Number, a.Organization!.Name, a.Kind, a.TemplateVersion, a.ExecutedAtUtc, a.Status));
    }

    private async Task DemandLegalAsync()
    {
        if (!await currentUser.IsInRoleAsync(Roles.Legal))
        {
            throw new UnauthorizedAccessException("Only Legal can export agreements.");
        }
    }
}

/// <summary>What one export contains; made by <see cref="AgreementExport.PlanAsync"/>, which audits it.</summary>
public sealed class AgreementExportPlan
{
    internal AgreementExportPlan(Guid id, AgreementFilter filter, DateTime executedUpToUtc, int count, long estimatedBytes, string fileName)
    {
        Id = id;
        Filter = filter;
        ExecutedUpToUtc = executedUpToUtc;
        Count = count;
        EstimatedBytes = estimatedBytes;
        FileName = fileName;
    }

    public Guid Id { get; }
    public AgreementFilter Filter { get; }
    /// <summary>Agreements executed after this moment are not part of the export.</summary>
    public DateTime ExecutedUpToUtc { get; }
    /// <summary>How many agreements matched when the export started.</summary>
    public int Count { get; }
    /// <summary>The PDFs' total size: roughly the ZIP's, for a progress bar.</summary>
    public long EstimatedBytes { get; }
    public string FileName { get; }
}

internal sealed record ExportCursor(DateTime ExecutedAtUtc, string Number);

internal sealed record ExportItem(Guid Id, string Number, string OrganizationName, AgreementKind Kind, int TemplateVersion, DateTime ExecutedAtUtc, AgreementStatus Status);
