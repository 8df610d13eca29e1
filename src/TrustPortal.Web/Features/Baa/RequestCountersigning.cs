using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Agreements.Execution;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Baa;

/// <summary>
/// Legal's last step for every request type: list what the customers signed, and countersign one through the
/// agreement executor, which numbers, renders, seals and stores it. Only Legal gets anything here.
/// </summary>
public sealed class RequestCountersigning<TRequest, TMessage>(
    IDbContextFactory<AppDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    BaaNotifications notify,
    AgreementExecutor executor)
    where TRequest : ReviewedRequest where TMessage : RequestMessage, new()
{
    /// <summary>Requests waiting for Legal, longest waiting first, projected by the caller.</summary>
    public async Task<List<TRow>> ListAwaitingAsync<TRow>(Expression<Func<TRequest, TRow>> select)
    {
        if (!await currentUser.IsInRoleAsync(Roles.Legal))
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Set<TRequest>().AsNoTracking().Where(r => r.Status == BaaStatus.AwaitingCountersignature)
            .OrderBy(r => r.SignedAtUtc).Select(select).ToListAsync();
    }

    /// <summary>Executes the request the type's <paramref name="execution"/> describes, for the signed-in member of Legal.</summary>
    public async Task<BaaResult> CountersignAsync(Func<UserSnapshot, AuditActor, string?, AuditTrail, BaaNotifications, RequestExecution<TRequest, TMessage>> execution)
    {
        if (!await currentUser.IsInRoleAsync(Roles.Legal))
        {
            return BaaResult.Invalid("Only Legal can countersign agreements.");
        }
        var me = await currentUser.GetAsync();
        var prepared = execution(me!, await currentUser.GetActorAsync(), currentUser.GetUserAgent(), audit, notify);
        try
        {
            var outcome = await executor.ExecuteAsync(prepared);
            if (outcome.Busy)
            {
                return BaaResult.Invalid("The portal is busy and could not countersign this document. Nothing was signed; try again in a moment.");
            }
            return outcome.Executed ? BaaResult.Ok(outcome.AgreementId!.Value) : prepared.Refusal ?? BaaResult.Invalid(outcome.Refusal!);
        }
        catch (DbUpdateConcurrencyException)
        {
            return BaaResult.Conflicted();
        }
    }
}
