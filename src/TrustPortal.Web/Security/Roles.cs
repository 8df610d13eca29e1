namespace TrustPortal.Web.Security;

/// <summary>The portal's roles. Staff roles can be combined on one account.</summary>
public static class Roles
{
    public const string Customer = nameof(Customer);
    public const string Sales = nameof(Sales);
    public const string Legal = nameof(Legal);
    public const string Admin = nameof(Admin);

    public static readonly IReadOnlyList<string> All = [Customer, Sales, Legal, Admin];
    public static readonly IReadOnlyList<string> Staff = [Sales, Legal, Admin];
}
