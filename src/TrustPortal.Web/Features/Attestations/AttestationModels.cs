using TrustPortal.Web.Data;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Attestations;

/// <summary>The frameworks tracked per organization, in the order they are shown.</summary>
public static class TrackedFrameworks
{
    public static readonly IReadOnlyList<ComplianceFramework> All =
        [ComplianceFramework.Soc2Type2, ComplianceFramework.Gdpr, ComplianceFramework.Ccpa, ComplianceFramework.Hipaa];

    /// <summary>Statuses that mean someone should act: re-paper, renew or finish a request.</summary>
    public static readonly IReadOnlyList<AttestationStatus> NeedsAction =
        [AttestationStatus.Requested, AttestationStatus.Expiring, AttestationStatus.Expired, AttestationStatus.Superseded];
}

/// <summary>One organization's standing on one framework; NotStarted when nothing has happened yet.</summary>
public sealed record AttestationCell(ComplianceFramework Framework, AttestationStatus Status, string? EvidenceLabel, Guid? EvidenceId,
    DateTime? EffectiveAtUtc, DateTime? ExpiresAtUtc)
{
    public static AttestationCell NotStarted(ComplianceFramework framework) => new(framework, AttestationStatus.NotStarted, null, null, null, null);
}

public sealed record AttestationRow(Guid OrganizationId, string OrganizationName, IReadOnlyList<AttestationCell> Cells)
{
    public AttestationCell For(ComplianceFramework framework) => Cells.First(c => c.Framework == framework);

    /// <summary>The organization's data controls (the training election, ...), in the order of <see cref="AttestationService.ControlNames"/>.</summary>
    public IReadOnlyList<DataControlCell> Controls { get; init; } = [];
}

/// <summary>
/// One organization's setting of one data control, shown beside the frameworks: e.g. the training election "On from
/// 2026-12-02 (UTC)". <paramref name="On"/> says whether the customer switched it on; <paramref name="SinceUtc"/> when it took effect.
/// </summary>
public sealed record DataControlCell(string Control, bool On, string Label, DateTime? SinceUtc, string? Link);

/// <summary>
/// A feature that owns a per-organization data control (the training election; later data retention) adds its column to
/// the matrix, its CSV and the organization page, without this feature depending on it.
/// </summary>
public interface IDataControlSource
{
    /// <summary>The column title, e.g. "Training data".</summary>
    string Control { get; }

    /// <summary>A cell for every organization asked about, including those that never changed the default.</summary>
    Task<IReadOnlyDictionary<Guid, DataControlCell>> CellsAsync(AppDbContext db, IReadOnlyCollection<Guid> organizationIds, CancellationToken cancellationToken);
}

/// <summary>A page of the matrix; filters, search and paging run in the database.</summary>
public sealed record AttestationQuery(ComplianceFramework? Framework = null, AttestationStatus? Status = null, bool NeedsAction = false,
    string? Search = null, int Page = 0, int PageSize = 25, bool Descending = false);

public sealed record AttestationPage(IReadOnlyList<AttestationRow> Rows, int Total);

public sealed record FrameworkCoverage(ComplianceFramework Framework, int Current, int Organizations);

public sealed record EvidenceEvent(DateTime AtUtc, string Title, string Detail, string? Link);

/// <summary>A feature whose records are evidence adds its dated events to an organization's attestation timeline.</summary>
public interface IEvidenceTimelineSource
{
    Task AddEventsAsync(AppDbContext db, Guid organizationId, List<EvidenceEvent> timeline);
}
