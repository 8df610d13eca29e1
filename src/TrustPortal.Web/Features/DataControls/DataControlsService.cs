using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Agreements.Execution;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Security;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.DataControls;

/// <summary>
/// The organization's data controls as its members see and change them: today the data-sharing (training) election.
/// The organization always comes from the signed-in member, so nobody can read or change another organization's.
/// </summary>
public sealed class DataControlsService(
    IDbContextFactory<AppDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    DataSharingNotifications notify,
    AgreementExecutor executor,
    SubmissionLimiter limiter)
{
    /// <summary>The member's view of their organization's election; null for anyone who is not a member of a customer organization.</summary>
    public async Task<DataControlsView?> GetAsync(CancellationToken cancellationToken = default)
    {
        if (await MemberAsync() is not (UserSnapshot me, Guid organizationId))
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organizationName = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Name).FirstAsync(cancellationToken);
        var current = await DataSharingQueries.CurrentAsync(db, organizationId, cancellationToken);
        var commitment = await DataSharingQueries.CommitmentAsync(db, await DataSharingQueries.CurrentCommitmentsVersionAsync(db, cancellationToken), cancellationToken);
        var templateVersion = await db.AgreementTemplates.Where(t => t.Kind == AgreementKind.Election).MaxAsync(t => (int?)t.Version, cancellationToken);
        var history = await db.DataSharingElections.AsNoTracking()
            .Where(e => e.OrganizationId == organizationId)
            .OrderByDescending(e => e.Revision)
            .Take(20)
            .Select(e => new ElectionHistoryItem(e.OptedIn, e.ElectedAtUtc, e.EffectiveFromUtc, e.SignerName, e.AgreementId, e.AgreementNumber, e.CommitmentsVersion))
            .ToListAsync(cancellationToken);
        return new DataControlsView(organizationName, me.DisplayName.Trim(), DataSharingQueries.State(current), commitment, templateVersion, history);
    }

    /// <summary>
    /// Opts the member's organization in or out by a signed act. Refused with messages, storing nothing, when the
    /// typed name is not the member's, authority is not confirmed, or the texts or the election changed meanwhile.
    /// </summary>
    public async Task<ElectionResult> ElectAsync(DataSharingSignature signature, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (await MemberAsync() is not (UserSnapshot me, Guid organizationId))
        {
            return ElectionResult.Invalid("Only members of a customer organization can make its data-sharing election.");
        }
        var errors = FormValidation.Validate(signature);
        if (string.IsNullOrWhiteSpace(me.DisplayName))
        {
            errors.Add(new ValidationResult("Add your full name to your account first; you sign the election under that name."));
        }
        else if (!errors.Any(e => e.MemberNames.Contains(nameof(DataSharingSignature.TypedName))) && !SignatureMatching.Matches(signature.TypedName, me.DisplayName))
        {
            errors.Add(new ValidationResult($"Type your name exactly as it is on your account: {me.DisplayName.Trim()}.", [nameof(DataSharingSignature.TypedName)]));
        }
        if (errors.Count > 0)
        {
            return ElectionResult.Invalid(errors);
        }
        if (limiter.TryAcquire(me.Id) is { } tooMany)
        {
            return ElectionResult.Invalid(tooMany);
        }
        var actor = await currentUser.GetActorAsync();
        var signer = new ElectionSigner(me, actor.IpAddress, currentUser.GetUserAgent());
        var outcome = await executor.ExecuteAsync(new DataSharingExecution(organizationId, signature, signer, audit, notify), cancellationToken);
        if (outcome.Busy)
        {
            return ElectionResult.Busy;
        }
        return outcome.Executed ? ElectionResult.Done(outcome.AgreementId!.Value, outcome.Number!) : ElectionResult.Invalid(outcome.Refusal!);
    }

    private async Task<(UserSnapshot User, Guid OrganizationId)?> MemberAsync()
    {
        if (!await currentUser.IsInRoleAsync(Roles.Customer))
        {
            return null;
        }
        var me = await currentUser.GetAsync();
        return me?.OrganizationId is { } organizationId ? (me, organizationId) : null;
    }
}
