using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Baa;

namespace TrustPortal.Web.Features.DataRetention;

/// <summary>Optimistic concurrency for data-retention requests, as for BAA requests: change only the version the user saw.</summary>
public static class DataRetentionVersions
{
    public static async Task<(DataRetentionRequest? Request, BaaResult? Refusal)> LoadAsync(AppDbContext db, Guid id, Guid version)
    {
        var request = await db.DataRetentionRequests.FirstOrDefaultAsync(r => r.Id == id);
        if (request is null)
        {
            return (null, BaaResult.Invalid("This request does not exist."));
        }
        if (request.Version != version)
        {
            return (null, BaaResult.Conflicted());
        }
        db.Entry(request).Property(r => r.Version).OriginalValue = version;
        return (request, null);
    }

    /// <summary>Moves the request and gives it a new version, so a decision based on the old one is refused.</summary>
    public static void Move(DataRetentionRequest request, BaaStatus to, DateTime now)
    {
        request.Status = to;
        request.UpdatedAtUtc = now;
        request.Version = Guid.NewGuid();
    }
}
