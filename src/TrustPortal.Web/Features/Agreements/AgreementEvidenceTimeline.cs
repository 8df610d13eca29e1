using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Attestations;

using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Agreements;

/// <summary>An organization's agreements, executed and changed, on its attestation timeline.</summary>
public sealed class AgreementEvidenceTimeline : IEvidenceTimelineSource
{
    public async Task AddEventsAsync(AppDbContext db, Guid organizationId, List<EvidenceEvent> timeline)
    {
        var agreements = await db.Agreements.AsNoTracking().Where(a => a.OrganizationId == organizationId)
            .Select(a => new { a.Id, a.Number, a.Kind, a.Status, a.TemplateVersion, a.ExecutedAtUtc, a.StatusChangedAtUtc, a.StatusReason, a.SignerName }).ToListAsync();
        foreach (var a in agreements)
        {
            // Data controls puts each election on the timeline in its own words; only a void is the library's to tell.
            if (a.Kind == AgreementKind.Election && a.Status != AgreementStatus.Voided)
            {
                continue;
            }
            timeline.Add(new EvidenceEvent(a.ExecutedAtUtc, $"{a.Number} executed", $"{a.Kind.DisplayName()} template v{a.TemplateVersion}, signed by {a.SignerName}", $"/agreements/{a.Id}"));
            if (a.StatusChangedAtUtc is { } changed)
            {
                timeline.Add(new EvidenceEvent(changed, $"{a.Number} {a.Status.DisplayName().ToLowerInvariant()}", a.StatusReason ?? "", $"/agreements/{a.Id}"));
            }
        }
    }
}
