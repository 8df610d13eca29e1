using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Agreements.Execution;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.Baa;
using TrustPortal.Web.Features.Email;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.DataRetention;

/// <summary>
/// Legal countersigns a retention amendment the customer signed. The agreement executor numbers (ZDR-…), renders,
/// seals and stores it; <see cref="DataRetentionExecution"/> supplies the document and the news.
/// </summary>
public sealed class DataRetentionCountersignService(
    IDbContextFactory<AppDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    EmailOutbox outbox,
    BaaNotifications notify,
    AgreementExecutor executor)
{
    public async Task<List<DataRetentionAwaitingCountersignature>> ListAwaitingAsync()
    {
        if (!await currentUser.IsInRoleAsync(Roles.Legal))
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.DataRetentionRequests.AsNoTracking()
            .Where(r => r.Status == BaaStatus.AwaitingCountersignature)
            .OrderBy(r => r.SignedAtUtc)
            .Select(r => new DataRetentionAwaitingCountersignature(r.Id, r.Reference, r.Version, r.Organization!.Name, r.Customer.LegalName,
                r.Retention, r.RetentionDays, r.SignerName ?? "", r.SignerTitle ?? "", r.SignedAtUtc ?? r.UpdatedAtUtc))
            .ToListAsync();
    }

    public async Task<BaaResult> CountersignAsync(Guid id, Guid version)
    {
        if (!await currentUser.IsInRoleAsync(Roles.Legal))
        {
            return BaaResult.Invalid("Only Legal can countersign agreements.");
        }
        var me = await currentUser.GetAsync();
        var actor = await currentUser.GetActorAsync();
        var execution = new DataRetentionExecution(id, version, me!, actor, currentUser.GetUserAgent(), audit, outbox, notify);
        try
        {
            var outcome = await executor.ExecuteAsync(execution);
            if (outcome.Busy)
            {
                return BaaResult.Invalid("The portal is busy and could not countersign this amendment. Nothing was signed; try again in a moment.");
            }
            return outcome.Executed ? BaaResult.Ok(outcome.AgreementId!.Value) : execution.Refusal ?? BaaResult.Invalid(outcome.Refusal!);
        }
        catch (DbUpdateConcurrencyException)
        {
            return BaaResult.Conflicted();
        }
    }
}

public sealed record DataRetentionAwaitingCountersignature(Guid Id, int Reference, Guid Version, string OrganizationName, string LegalName,
    RetentionKind Retention, int? RetentionDays, string SignerName, string SignerTitle, DateTime SignedAtUtc);
