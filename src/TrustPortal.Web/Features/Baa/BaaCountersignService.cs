using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Agreements.Execution;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Baa;

/// <summary>
/// Legal's last step: countersign a BAA the customer signed. The agreement executor numbers, renders, seals and stores
/// it, makes the HIPAA attestation current and records it; <see cref="BaaExecution"/> supplies the document and the news.
/// </summary>
public sealed class BaaCountersignService(
    IDbContextFactory<AppDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    BaaNotifications notify,
    AgreementExecutor executor)
{
    public async Task<List<BaaAwaitingCountersignature>> ListAwaitingAsync()
    {
        if (!await currentUser.IsInRoleAsync(Roles.Legal))
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.BaaRequests.AsNoTracking()
            .Where(r => r.Status == BaaStatus.AwaitingCountersignature)
            .OrderBy(r => r.SignedAtUtc)
            .Select(r => new BaaAwaitingCountersignature(r.Id, r.Reference, r.Version, r.Organization!.Name, r.Customer.LegalName,
                r.SignerName ?? "", r.SignerTitle ?? "", r.SignedAtUtc ?? r.UpdatedAtUtc, r.DecidedByName ?? ""))
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
        var execution = new BaaExecution(id, version, me!, actor, currentUser.GetUserAgent(), audit, notify);
        try
        {
            var outcome = await executor.ExecuteAsync(execution);
            if (outcome.Busy)
            {
                return BaaResult.Invalid("The portal is busy and could not countersign this BAA. Nothing was signed; try again in a moment.");
            }
            return outcome.Executed ? BaaResult.Ok(outcome.AgreementId!.Value) : execution.Refusal ?? BaaResult.Invalid(outcome.Refusal!);
        }
        catch (DbUpdateConcurrencyException)
        {
            return BaaResult.Conflicted();
        }
    }
}

public sealed record BaaAwaitingCountersignature(Guid Id, int Reference, Guid Version, string OrganizationName, string LegalName,
    string SignerName, string SignerTitle, DateTime SignedAtUtc, string ApprovedBy);
