using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Features.Documents;

/// <summary>Accounts (companies by email domain) as Sales follow them.</summary>
public static class TrustAccounts
{
    /// <summary>
    /// Opens the account at its first download, owned by whoever approved one of its viewers. Two first downloads at
    /// once on two instances both try; the key keeps one.
    /// </summary>
    public static async Task OpenAsync(IDbContextFactory<AppDbContext> dbFactory, string domain, DateTime now, ILogger logger, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(domain))
        {
            return;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.TrustAccounts.AnyAsync(a => a.Domain == domain, cancellationToken))
        {
            return;
        }
        var owner = await db.TrustViewers
            .Where(v => v.Domain == domain && v.DecidedByUserId != null && v.Status == AccessStatus.Granted)
            .OrderBy(v => v.DecidedAtUtc).Select(v => v.DecidedByUserId).FirstOrDefaultAsync(cancellationToken);
        db.TrustAccounts.Add(new TrustAccount { Domain = domain, FirstDownloadAtUtc = now, OwnerUserId = owner });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception)
        {
            logger.LogDebug(exception, "Account {Domain} was opened by another download first.", domain);
        }
    }
}
