using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Attestations;

namespace TrustPortal.Web.Features.DataControls;

/// <summary>Each change of an organization's training election on its evidence timeline, linked to its sealed record.</summary>
public sealed class DataSharingEvidenceTimeline : IEvidenceTimelineSource
{
    public async Task AddEventsAsync(AppDbContext db, Guid organizationId, List<EvidenceEvent> timeline)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(timeline);
        var elections = await db.DataSharingElections.AsNoTracking().Where(e => e.OrganizationId == organizationId).ToListAsync();
        foreach (var e in elections)
        {
            timeline.Add(new EvidenceEvent(e.ElectedAtUtc,
                e.OptedIn ? $"Data sharing turned on ({e.AgreementNumber})" : $"Data sharing turned off ({e.AgreementNumber})",
                (e.OptedIn ? $"API data received from {e.EffectiveFromUtc:yyyy-MM-dd HH:mm} UTC may be used for training" : "No further API data is used for training, with effect at once")
                    + $"; signed by {e.SignerName} on commitments version {e.CommitmentsVersion}",
                $"/agreements/{e.AgreementId}"));
        }
    }
}
