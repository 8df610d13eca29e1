using Microsoft.AspNetCore.Authorization;

namespace TrustPortal.Web.Security;

/// <summary>Authorization policy names, used as <c>[Authorize(Policy = Policies.X)]</c>.</summary>
public static class Policies
{
    public const string CustomerMember = nameof(CustomerMember);
    public const string ReviewBaa = nameof(ReviewBaa);
    public const string ManageAgreements = nameof(ManageAgreements);
    public const string ViewAttestations = nameof(ViewAttestations);
    public const string ReadAudit = nameof(ReadAudit);
    public const string Administer = nameof(Administer);
    public const string Staff = nameof(Staff);
    public const string PublishUpdates = nameof(PublishUpdates);
    public const string ReviewAccess = nameof(ReviewAccess);
    public const string PublishDocuments = nameof(PublishDocuments);

    public static void AddPortalPolicies(this AuthorizationBuilder auth)
    {
        // Every staff policy also needs a two-factor session.
        var mfa = new StaffMfaRequirement();
        auth.SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(CustomerMember, p => p.RequireRole(Roles.Customer))
            .AddPolicy(ReviewBaa, p => p.RequireRole(Roles.Sales).AddRequirements(mfa))
            .AddPolicy(ManageAgreements, p => p.RequireRole(Roles.Legal).AddRequirements(mfa))
            .AddPolicy(ViewAttestations, p => p.RequireRole(Roles.Legal, Roles.Sales).AddRequirements(mfa))
            .AddPolicy(ReadAudit, p => p.RequireRole(Roles.Legal, Roles.Admin).AddRequirements(mfa))
            .AddPolicy(Administer, p => p.RequireRole(Roles.Admin).AddRequirements(mfa))
            .AddPolicy(Staff, p => p.RequireRole(Roles.Sales, Roles.Legal, Roles.Admin).AddRequirements(mfa))
            .AddPolicy(PublishUpdates, p => p.RequireRole(Roles.Legal, Roles.Admin).AddRequirements(mfa))
            .AddPolicy(ReviewAccess, p => p.RequireRole(Roles.Sales, Roles.Admin).AddRequirements(mfa))
            .AddPolicy(PublishDocuments, p => p.RequireRole(Roles.Legal, Roles.Admin).AddRequirements(mfa));
    }
}
