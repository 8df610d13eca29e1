using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.TrustCenter.MachineReadable;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Features.Documents;

/// <summary>The library's current documents, as /llms.txt and /trust-center.json list them.</summary>
public sealed class DocumentCatalog(IDbContextFactory<AppDbContext> dbFactory, PublicUrls urls) : ILibraryCatalog
{
    public async Task<IReadOnlyList<LibraryDocumentFacts>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var documents = await db.TrustDocuments.AsNoTracking().Where(d => d.ArchivedAtUtc == null)
            .Select(d => new { d.Id, d.Title, d.Description, d.Visibility, d.ExpiresOn })
            .ToListAsync(cancellationToken);
        return documents
            .OrderBy(d => d.Visibility).ThenBy(d => d.Title, StringComparer.OrdinalIgnoreCase)
            .Select(d => new LibraryDocumentFacts(d.Title, d.Description, d.Visibility.VisibilityName(), HowToGet(d.Visibility), d.ExpiresOn,
                urls.Absolute($"/documents/{d.Id}")))
            .ToList();
    }

    public async Task<string> VersionAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var latest = await db.TrustDocuments.MaxAsync(d => (DateTime?)d.UpdatedAtUtc, cancellationToken);
        var count = await db.TrustDocuments.CountAsync(d => d.ArchivedAtUtc == null, cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"{count}:{latest?.Ticks ?? 0}");
    }

    public static string HowToGet(DocumentVisibility visibility) => visibility switch
    {
        DocumentVisibility.Public => "Download it from its page; no sign-in needed.",
        DocumentVisibility.Nda => "Request access with a work email address (no password), accept the click-through NDA, then download; each copy carries your name, company and the time.",
        DocumentVisibility.Approved => "Request access with a work email address (no password); access is granted at once for customers' colleagues, otherwise after review. Each copy carries your name, company and the time.",
        _ => "Sign in as a member of a customer organization, then download.",
    };
}
