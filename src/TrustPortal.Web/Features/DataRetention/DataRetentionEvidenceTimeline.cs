using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Attestations;
using TrustPortal.Web.Features.Baa;

namespace TrustPortal.Web.Features.DataRetention;

/// <summary>Each data-retention request and its decision on the organization's evidence timeline; the executed amendment is the library's entry.</summary>
public sealed class DataRetentionEvidenceTimeline : IEvidenceTimelineSource
{
    public async Task AddEventsAsync(AppDbContext db, Guid organizationId, List<EvidenceEvent> timeline)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(timeline);
        var requests = await db.DataRetentionRequests.AsNoTracking().Where(r => r.OrganizationId == organizationId)
            .Select(r => new { r.Reference, r.Retention, r.RetentionDays, r.Status, r.SubmittedAtUtc, r.RequestedByName, r.DecidedAtUtc, r.DecidedByName })
            .ToListAsync();
        foreach (var r in requests)
        {
            var what = DataRetentionRules.Describe(r.Retention, r.RetentionDays);
            timeline.Add(new EvidenceEvent(r.SubmittedAtUtc, $"{DataRetentionRules.Ref(r.Reference)} data retention requested", $"{what}, requested by {r.RequestedByName}", null));
            if (r.DecidedAtUtc is { } decided)
            {
                var outcome = r.Status == BaaStatus.Rejected ? "rejected" : "approved";
                timeline.Add(new EvidenceEvent(decided, $"{DataRetentionRules.Ref(r.Reference)} {outcome}", $"{what}, by {r.DecidedByName}", null));
            }
        }
    }
}
