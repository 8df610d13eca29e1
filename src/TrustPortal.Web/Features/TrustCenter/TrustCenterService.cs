using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Features.TrustCenter;

/// <summary>Reads what the public trust center shows, and evicts its cached pages when that changes.</summary>
public sealed class TrustCenterService(IDbContextFactory<AppDbContext> dbFactory, IOutputCacheStore cache)
{
    public const string CacheTag = "trust-center";

    public async Task<ContentVersion?> GetCurrentCommitmentsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ContentVersions.AsNoTracking()
            .Include(v => v.Sections.OrderBy(s => s.Order))
            .OrderByDescending(v => v.Number)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<List<Certification>> GetCertificationsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Certifications.AsNoTracking().OrderBy(c => c.Order).ThenBy(c => c.Name).ToListAsync(cancellationToken);
    }

    public async Task<List<Subprocessor>> GetActiveSubprocessorsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Subprocessors.AsNoTracking()
            .Where(s => s.RemovedOn == null)
            .OrderBy(s => s.Name)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The latest published versions of the subprocessor list, each with what it changed.</summary>
    public async Task<List<SubprocessorListVersion>> GetSubprocessorHistoryAsync(int take, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.SubprocessorListVersions.AsNoTracking()
            .Include(v => v.Changes)
            .OrderByDescending(v => v.Number)
            .Take(take)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// What the cached public pages depend on that another instance may change: the number of the latest published
    /// subprocessor list. Part of the cache key, so a publish on any instance is seen by all of them at once.
    /// </summary>
    public async Task<int> GetPublishedListNumberAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.SubprocessorListVersions.MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0;
    }

    /// <summary>Call after any change to trust-center content so visitors see it at once.</summary>
    public ValueTask EvictCacheAsync(CancellationToken cancellationToken = default) => cache.EvictByTagAsync(CacheTag, cancellationToken);
}
