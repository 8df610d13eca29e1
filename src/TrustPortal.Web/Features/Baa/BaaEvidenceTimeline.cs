using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Attestations;

namespace TrustPortal.Web.Features.Baa;

/// <summary>An organization's BAA requests, submitted and decided, on its attestation timeline.</summary>
public sealed class BaaEvidenceTimeline : IEvidenceTimelineSource
{
    public async Task AddEventsAsync(AppDbContext db, Guid organizationId, List<EvidenceEvent> timeline)
    {
        var requests = await db.BaaRequests.AsNoTracking().Where(r => r.OrganizationId == organizationId)
            .Select(r => new { r.Id, r.Reference, r.Status, r.SubmittedAtUtc, r.DecidedAtUtc, r.DecidedByName }).ToListAsync();
        foreach (var r in requests)
        {
            timeline.Add(new EvidenceEvent(r.SubmittedAtUtc, $"BAA request BAA-R-{r.Reference:0000} submitted", $"Now {r.Status.DisplayName().ToLowerInvariant()}", $"/sales/baa/{r.Id}"));
            if (r.DecidedAtUtc is { } decided)
            {
                timeline.Add(new EvidenceEvent(decided, $"BAA request BAA-R-{r.Reference:0000} decided", $"By {r.DecidedByName}", $"/sales/baa/{r.Id}"));
            }
        }
    }
}
