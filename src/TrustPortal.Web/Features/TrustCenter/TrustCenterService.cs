using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Infrastructure;

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

    /// <summary>
    /// Call after any change to trust-center content so visitors see it at once, on every instance: the content
    /// version in the database moves on (it is part of every cached page's key, so other instances' cached copies stop
    /// matching on their next request), and this instance's copies are evicted.
    /// </summary>
    public async ValueTask EvictCacheAsync(CancellationToken cancellationToken = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await DatabaseCounters.NextAsync(db, ContentVersionCounter, () => Task.FromResult(0L), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await cache.EvictByTagAsync(CacheTag, cancellationToken);
    }

    private const string ContentVersionCounter = "trust-center-content-version";

    /// <summary>Moves on with every published change to trust-center content, on any instance.</summary>
    public async Task<long> GetContentVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Counters.Where(c => c.Name == ContentVersionCounter).Select(c => (long?)c.Value).FirstOrDefaultAsync(cancellationToken) ?? 0;
    }
}
