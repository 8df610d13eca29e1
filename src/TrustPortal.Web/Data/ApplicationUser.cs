using Microsoft.AspNetCore.Identity;
using TrustPortal.Web.Features.Organizations;

namespace TrustPortal.Web.Data;

/// <summary>A person who signs in: a customer (member of one organization) or vendor staff (no organization).</summary>
public class ApplicationUser : IdentityUser
{
    public Guid? OrganizationId { get; set; }
    public Organization? Organization { get; set; }

    [PersonalData]
    public string DisplayName { get; set; } = "";

    [PersonalData]
    public string? JobTitle { get; set; }

    public DateTime CreatedAtUtc { get; set; } = DateTime.UtcNow;

    /// <summary>Set when an Admin deactivates the account: it can no longer sign in, and open sessions end.</summary>
    public DateTime? DeactivatedAtUtc { get; set; }
}
