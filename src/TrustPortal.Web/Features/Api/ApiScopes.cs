using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Api;

/// <summary>
/// What a token may read. A scope is granted only to someone whose role could read the same in the portal, and it
/// counts at each request only while they still could.
/// </summary>
public static class ApiScopes
{
    public const string AgreementsRead = "agreements:read";
    public const string OrganizationsRead = "organizations:read";
    public const string AttestationsRead = "attestations:read";
    public const string RequestsRead = "requests:read";
    public const string ElectionsRead = "elections:read";
    public const string AuditRead = "audit:read";

    /// <summary>The claim type a token's effective scopes travel in.</summary>
    public const string ClaimType = "scope";

    public static readonly IReadOnlyList<string> All = [AgreementsRead, OrganizationsRead, AttestationsRead, RequestsRead, ElectionsRead, AuditRead];

    /// <summary>What a customer's token may read: their own organization's records.</summary>
    public static readonly IReadOnlyList<string> Customer = [AgreementsRead, AttestationsRead, RequestsRead, ElectionsRead];

    private static readonly Dictionary<string, string[]> StaffRoles = new()
    {
        // The agreement library is Legal's.
        [AgreementsRead] = [Roles.Legal],
        // Sales and Legal see every customer (the attestation matrix, the request queues).
        [OrganizationsRead] = [Roles.Sales, Roles.Legal],
        [AttestationsRead] = [Roles.Sales, Roles.Legal],
        [RequestsRead] = [Roles.Sales, Roles.Legal],
        [ElectionsRead] = [Roles.Sales, Roles.Legal],
        [AuditRead] = [Roles.Legal, Roles.Admin],
    };

    public static string Describe(string scope) => scope switch
    {
        AgreementsRead => "Executed agreements and their sealed PDFs",
        OrganizationsRead => "Customer organizations",
        AttestationsRead => "Compliance status per framework",
        RequestsRead => "BAA and data-retention requests",
        ElectionsRead => "Data-sharing (model training) elections",
        AuditRead => "The audit trail",
        _ => scope,
    };

    /// <summary>The authorization policy that requires <paramref name="scope"/>.</summary>
    public static string Policy(string scope) => "api:" + scope;

    /// <summary>
    /// The scopes someone with <paramref name="roles"/> may hold: a customer token (for an organization) the customer
    /// scopes while they are a customer; a staff token those their staff roles allow.
    /// </summary>
    public static IReadOnlyList<string> AllowedFor(IReadOnlyCollection<string> roles, bool forOrganization) =>
        forOrganization
            ? roles.Contains(Roles.Customer) ? Customer : []
            : All.Where(scope => StaffRoles[scope].Any(roles.Contains)).ToList();
}
