namespace TrustPortal.Web.Features.Baa;

/// <summary>
/// Legal countersigns a BAA the customer signed; the shared <see cref="RequestCountersigning{TRequest, TMessage}"/>
/// executes it and <see cref="BaaExecution"/> supplies the document, HIPAA and the news.
/// </summary>
public sealed class BaaCountersignService(RequestCountersigning<BaaRequest, BaaMessage> countersigning)
{
    public Task<List<BaaAwaitingCountersignature>> ListAwaitingAsync() =>
        countersigning.ListAwaitingAsync(r => new BaaAwaitingCountersignature(r.Id, r.Reference, r.Version, r.Organization!.Name, r.Customer.LegalName,
            r.SignerName ?? "", r.SignerTitle ?? "", r.SignedAtUtc ?? r.UpdatedAtUtc, r.DecidedByName ?? ""));

    public Task<BaaResult> CountersignAsync(Guid id, Guid version) =>
        countersigning.CountersignAsync((me, actor, userAgent, audit, notify) => new BaaExecution(id, version, me, actor, userAgent, audit, notify));
}

public sealed record BaaAwaitingCountersignature(Guid Id, int Reference, Guid Version, string OrganizationName, string LegalName,
    string SignerName, string SignerTitle, DateTime SignedAtUtc, string ApprovedBy);
