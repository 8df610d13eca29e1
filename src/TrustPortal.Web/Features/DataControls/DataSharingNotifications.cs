using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Email;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.DataControls;

/// <summary>Every election change is mailed to the organization's members and to Legal, through the outbox of its transaction.</summary>
public sealed class DataSharingNotifications(EmailOutbox outbox, PublicUrls urls)
{
    /// <summary>Confirmed, active members of the organization and Legal staff; each address once.</summary>
    public async Task<IReadOnlyList<string>> RecipientsAsync(AppDbContext db, Guid organizationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var members = await db.Users.AsNoTracking()
            .Where(u => u.OrganizationId == organizationId && u.Email != null && u.EmailConfirmed && u.DeactivatedAtUtc == null)
            .Select(u => u.Email!)
            .ToListAsync(cancellationToken);
        var legal = await db.Users.AsNoTracking()
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Legal)))
            .Where(u => u.Email != null && u.EmailConfirmed && u.DeactivatedAtUtc == null)
            .Select(u => u.Email!)
            .ToListAsync(cancellationToken);
        return members.Concat(legal).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
    }

    public void Enqueue(AppDbContext db, IReadOnlyList<string> recipients, DataSharingElection election, string organizationName, Agreement agreement)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(agreement);
        var subject = election.OptedIn
            ? $"{agreement.Number}: data sharing turned on for {organizationName}"
            : $"{agreement.Number}: data sharing turned off for {organizationName}";
        var effect = election.OptedIn
            ? $"From {election.EffectiveFromUtc:yyyy-MM-dd HH:mm} UTC, the API data {organizationName} sends may be used to train and improve our models. "
                + "Nothing sent before that moment is used. Any member with authority can turn it off again at any time."
            : $"This took effect at once, at {election.ElectedAtUtc:yyyy-MM-dd HH:mm} UTC: no API data {organizationName} sends from now on is used to train or improve our models.";
        var text = $"Hello,\n\n{election.SignerName} ({election.SignerEmail}) {(election.OptedIn ? "opted in to" : "opted out of")} data sharing for {organizationName} "
            + $"on {election.ElectedAtUtc:yyyy-MM-dd HH:mm} UTC, on the basis of version {election.CommitmentsVersion} of our data-privacy commitments.\n\n"
            + effect + "\n\n"
            + $"The sealed record is {agreement.Number}:\n{urls.Absolute($"/agreements/{agreement.Id}")}\n\n"
            + $"See or change the election here:\n{urls.Absolute("/portal/data-controls")}";
        foreach (var to in recipients)
        {
            outbox.Enqueue(db, to, subject, text);
        }
    }
}
