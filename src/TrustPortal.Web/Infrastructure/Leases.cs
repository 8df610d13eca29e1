using Microsoft.EntityFrameworkCore;

namespace TrustPortal.Web.Infrastructure;

/// <summary>
/// A row that background work claims before doing it (an email to send, a webhook to deliver): whoever holds a live
/// lease owns it, and a lease whose holder died runs out, so another instance takes the row then.
/// </summary>
public interface ILeasedWork
{
    Guid Id { get; }
    string? ClaimedBy { get; set; }
    DateTime? ClaimedUntilUtc { get; set; }
}

/// <summary>Claims rows for one sender among several on one database.</summary>
public static class Leases
{
    /// <summary>The longest <see cref="ILeasedWork.ClaimedBy"/> value; configurations give the column this length.</summary>
    public const int TokenMaxLength = 100;

    private static readonly string Instance = InstanceName();

    /// <summary>
    /// Takes the lease until <paramref name="until"/> on those of <paramref name="ids"/> in <paramref name="claimable"/>
    /// that nobody holds a live lease on, in one conditional update (one write for the batch, not one per row), and
    /// returns the ones this call got: of several senders, exactly one gets each row. The claim's own token tells its
    /// rows apart from another sender's.
    /// </summary>
    public static async Task<HashSet<Guid>> ClaimAsync<T>(IQueryable<T> claimable, IReadOnlyCollection<Guid> ids, DateTime nowUtc, DateTime until,
        CancellationToken cancellationToken) where T : class, ILeasedWork
    {
        var claim = Token();
        await claimable
            .Where(m => ids.Contains(m.Id) && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < nowUtc))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, claim).SetProperty(m => m.ClaimedUntilUtc, until), cancellationToken);
        var mine = await claimable.AsNoTracking()
            .Where(m => ids.Contains(m.Id) && m.ClaimedBy == claim)
            .Select(m => m.Id)
            .ToListAsync(cancellationToken);
        return [.. mine];
    }

    /// <summary>A token for one claim: unique, and naming this process for whoever looks at a stuck lease.</summary>
    private static string Token()
    {
        var token = $"{Guid.NewGuid():N} {Instance}";
        return token.Length > TokenMaxLength ? token[..TokenMaxLength] : token;
    }

    private static string InstanceName()
    {
        var name = $"{Environment.ProcessId} {Environment.MachineName}";
        return name.Length > 60 ? name[..60] : name;
    }
}
