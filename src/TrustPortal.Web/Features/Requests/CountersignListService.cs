using TrustPortal.Web.Features.Baa;
using TrustPortal.Web.Features.DataRetention;

namespace TrustPortal.Web.Features.Requests;

/// <summary>A signed request of any type waiting for Legal: what it is, who signed it and when.</summary>
public sealed record AwaitingCountersignature(RequestType Type, Guid Id, int Reference, Guid Version, string OrganizationName, string LegalName,
    string Document, string? Detail, string SignerName, string SignerTitle, DateTime SignedAtUtc)
{
    public string ReferenceText => Type.Reference(Reference);
}

/// <summary>
/// Legal's single countersign list: every request type's signed documents, longest waiting first. Countersigning goes
/// to the type's own service, which executes the document through the agreement executor.
/// </summary>
public sealed class CountersignListService(BaaCountersignService baa, DataRetentionCountersignService retention)
{
    public async Task<List<AwaitingCountersignature>> ListAwaitingAsync()
    {
        var baas = (await baa.ListAwaitingAsync()).Select(r => new AwaitingCountersignature(RequestType.Baa, r.Id, r.Reference, r.Version, r.OrganizationName,
            r.LegalName, "Business Associate Agreement", $"approved by {r.ApprovedBy}", r.SignerName, r.SignerTitle, r.SignedAtUtc));
        var amendments = (await retention.ListAwaitingAsync()).Select(r => new AwaitingCountersignature(RequestType.DataRetention, r.Id, r.Reference, r.Version,
            r.OrganizationName, r.LegalName, r.Retention == RetentionKind.Zero ? "Zero Data Retention Amendment" : "Data Retention Amendment",
            r.Retention == RetentionKind.Zero ? null : DataRetentionRules.Describe(r.Retention, r.RetentionDays), r.SignerName, r.SignerTitle, r.SignedAtUtc));
        return [.. baas.Concat(amendments).OrderBy(r => r.SignedAtUtc)];
    }

    public Task<BaaResult> CountersignAsync(AwaitingCountersignature item) => item.Type switch
    {
        RequestType.Baa => baa.CountersignAsync(item.Id, item.Version),
        _ => retention.CountersignAsync(item.Id, item.Version),
    };
}
