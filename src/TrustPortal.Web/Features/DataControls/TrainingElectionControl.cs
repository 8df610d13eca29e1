using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Attestations;

namespace TrustPortal.Web.Features.DataControls;

/// <summary>The training election as a column of Legal's matrix, its CSV and the organization page.</summary>
public sealed class TrainingElectionControl : IDataControlSource
{
    public const string Name = "Training data";

    public string Control => Name;

    public async Task<IReadOnlyDictionary<Guid, DataControlCell>> CellsAsync(AppDbContext db, IReadOnlyCollection<Guid> organizationIds, CancellationToken cancellationToken)
    {
        var states = await DataSharingQueries.StatesAsync(db, organizationIds, cancellationToken);
        return states.ToDictionary(s => s.Key, s => new DataControlCell(Name, s.Value.OptedIn, s.Value.Label,
            s.Value.OptedIn ? s.Value.EffectiveFromUtc : s.Value.ElectedAtUtc,
            s.Value.AgreementId is { } id ? $"/agreements/{id}" : null));
    }
}
