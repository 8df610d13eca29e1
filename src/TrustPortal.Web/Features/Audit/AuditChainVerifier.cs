using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Features.Audit;

/// <summary>Walks the whole audit trail and reports the first event whose link or content does not match.</summary>
public sealed class AuditChainVerifier(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<AuditChainReport> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        long expectedSequence = 1;
        var previousHash = AuditChain.GenesisHash;

        // Streams the rows: memory stays flat however long the trail is.
        await foreach (var e in db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (e.Sequence != expectedSequence)
            {
                return AuditChainReport.Broken(expectedSequence - 1, expectedSequence, $"Event {expectedSequence} is missing.");
            }
            if (e.PreviousHash != previousHash)
            {
                return AuditChainReport.Broken(expectedSequence - 1, e.Sequence, "Its link to the previous event does not match.");
            }
            if (AuditChain.ComputeHash(e) != e.Hash)
            {
                return AuditChainReport.Broken(expectedSequence - 1, e.Sequence, "Its content was changed after it was recorded.");
            }
            previousHash = e.Hash;
            expectedSequence++;
        }
        return new AuditChainReport(true, expectedSequence - 1, null, null);
    }
}

public sealed record AuditChainReport(bool IsIntact, long EventsChecked, long? FirstBrokenSequence, string? Problem)
{
    public static AuditChainReport Broken(long checkedCount, long sequence, string problem) => new(false, checkedCount, sequence, problem);
}
