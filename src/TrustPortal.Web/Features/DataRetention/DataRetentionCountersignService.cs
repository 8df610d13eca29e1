using TrustPortal.Web.Features.Baa;

namespace TrustPortal.Web.Features.DataRetention;

/// <summary>
/// Legal countersigns a retention amendment the customer signed; the shared request countersigning executes it
/// (numbered ZDR-…) and <see cref="DataRetentionExecution"/> supplies the document and the news.
/// </summary>
public sealed class DataRetentionCountersignService(RequestCountersigning<DataRetentionRequest, DataRetentionMessage> countersigning)
{
    public Task<List<DataRetentionAwaitingCountersignature>> ListAwaitingAsync() =>
        countersigning.ListAwaitingAsync(r => new DataRetentionAwaitingCountersignature(r.Id, r.Reference, r.Version, r.Organization!.Name, r.Customer.LegalName,
            r.Retention, r.RetentionDays, r.SignerName ?? "", r.SignerTitle ?? "", r.SignedAtUtc ?? r.UpdatedAtUtc));

    public Task<BaaResult> CountersignAsync(Guid id, Guid version) =>
        countersigning.CountersignAsync((me, actor, userAgent, audit, notify) => new DataRetentionExecution(id, version, me, actor, userAgent, audit, notify));
}

public sealed record DataRetentionAwaitingCountersignature(Guid Id, int Reference, Guid Version, string OrganizationName, string LegalName,
    RetentionKind Retention, int? RetentionDays, string SignerName, string SignerTitle, DateTime SignedAtUtc);
