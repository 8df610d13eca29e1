using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Documents;

/// <summary>
/// When a viewer's access is granted without waiting for Sales: their company is already a customer, or has an NDA
/// or an executed DPA on file. Companies are matched by the email's domain.
/// </summary>
public static class AccessRules
{
    public const string AutomaticDecider = "automatic";

    /// <summary>The rule that grants access at once, in words, or null when Sales must decide.</summary>
    public static async Task<string?> AutomaticReasonAsync(AppDbContext db, string domain, CancellationToken cancellationToken)
    {
        var pattern = SearchPattern.EndsWith("@" + domain);
        if (await db.Users.AnyAsync(u => u.OrganizationId != null && SearchText.Like(u.Email, pattern), cancellationToken))
        {
            return $"A customer organization has members at {domain}.";
        }
        if (await db.NdaAcceptances.AnyAsync(a => SearchText.Like(a.Email, pattern), cancellationToken)
            || await db.TrustViewers.AnyAsync(v => v.Domain == domain && v.NdaAcceptedAtUtc != null, cancellationToken))
        {
            return $"An NDA is on file for {domain}.";
        }
        if (await db.Agreements.AnyAsync(a => a.Kind == AgreementKind.Dpa && a.Status == AgreementStatus.Executed && SearchText.Like(a.SignerEmail, pattern), cancellationToken))
        {
            return $"An executed DPA is on file for {domain}.";
        }
        return null;
    }
}
