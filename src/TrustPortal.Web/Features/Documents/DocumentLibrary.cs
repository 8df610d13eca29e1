using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Documents;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Soc2;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Features.Documents;

/// <summary>
/// The library as one reader sees it: every current document with whether they may download it, each view of a
/// document's page and each download recorded, and every copy watermarked with the reader and the time.
/// </summary>
public sealed class DocumentLibrary(
    IDbContextFactory<AppDbContext> dbFactory,
    DocumentReaders readers,
    IHttpContextAccessor http,
    IOptions<VendorOptions> vendor,
    TimeProvider clock,
    ILogger<DocumentLibrary> logger)
{
    public Task<DocumentReader> ReaderAsync(CancellationToken cancellationToken = default) => readers.CurrentAsync(cancellationToken);

    public async Task<List<LibraryDocument>> ListAsync(DocumentReader reader, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var documents = await Current(db)
            .Select(d => new { d.Id, d.Title, d.Description, d.Visibility, d.SizeBytes, d.UpdatedAtUtc, d.ExpiresOn })
            .ToListAsync(cancellationToken);
        return documents
            .OrderBy(d => d.Visibility).ThenBy(d => d.Title, StringComparer.CurrentCultureIgnoreCase)
            .Select(d => new LibraryDocument(d.Id, d.Title, d.Description, d.Visibility, d.SizeBytes, d.UpdatedAtUtc, d.ExpiresOn, reader.Obstacle(d.Visibility, now)))
            .ToList();
    }

    /// <summary>One document's page; opening it counts as a view by a known reader.</summary>
    public async Task<LibraryDocument?> ViewAsync(DocumentReader reader, Guid id, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var document = await Current(db).AsNoTracking().Where(d => d.Id == id)
            .Select(d => new LibraryDocument(d.Id, d.Title, d.Description, d.Visibility, d.SizeBytes, d.UpdatedAtUtc, d.ExpiresOn, null))
            .FirstOrDefaultAsync(cancellationToken);
        if (document is null)
        {
            return null;
        }
        if (reader.IsCounted)
        {
            Record(db, reader, id, DocumentActivityKind.View, now);
            await db.SaveChangesAsync(cancellationToken);
        }
        return document with { Obstacle = reader.Obstacle(document.Visibility, now) };
    }

    /// <summary>A copy marked for the reader, recorded; null when there is no such document or the reader may not have it.</summary>
    public async Task<DocumentDownload?> DownloadAsync(DocumentReader reader, Guid id, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var document = await Current(db).AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (document is null || reader.Obstacle(document.Visibility, now) is not null)
        {
            return null;
        }
        var (lines, footer) = Watermark(reader, document.Visibility, now);
        var pdf = ReportWatermark.Apply(document.Content, lines, footer);
        if (reader.IsCounted)
        {
            Record(db, reader, id, DocumentActivityKind.Download, now);
            await db.SaveChangesAsync(cancellationToken);
            await TrustAccounts.OpenAsync(dbFactory, reader.Domain, now, logger, cancellationToken);
        }
        logger.LogInformation("Document {DocumentId} downloaded by a {Kind} reader.", id, reader.Kind);
        return new DocumentDownload(document.FileName, pdf);
    }

    /// <summary>What every page of a copy says: who it was made for and when, or for a public copy, just when.</summary>
    public (IReadOnlyList<string> Lines, string Footer) Watermark(DocumentReader reader, DocumentVisibility visibility, DateTime nowUtc)
    {
        var time = nowUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
        if (reader.Kind == ReaderKind.Anonymous)
        {
            return (["PUBLIC COPY", time], $"Downloaded from {vendor.Value.Name}'s trust center on {time}");
        }
        var who = new[] { reader.Name, reader.Company, reader.Email }.Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        var terms = visibility == DocumentVisibility.Nda ? $" under NDA v{NdaText.Version}" : "";
        List<string> lines = [visibility == DocumentVisibility.Public ? "COPY" : "CONFIDENTIAL", .. who, time + terms];
        return (lines, $"Provided to {string.Join(", ", who)} on {time}{terms}");
    }

    private static IQueryable<TrustDocument> Current(AppDbContext db) => db.TrustDocuments.Where(d => d.ArchivedAtUtc == null);

    private void Record(AppDbContext db, DocumentReader reader, Guid documentId, DocumentActivityKind kind, DateTime now) =>
        db.DocumentActivities.Add(new DocumentActivity
        {
            DocumentId = documentId,
            Kind = kind,
            AtUtc = now,
            ViewerId = reader.ViewerId,
            UserId = reader.UserId,
            Email = reader.Email,
            Domain = reader.Domain,
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
        });
}
