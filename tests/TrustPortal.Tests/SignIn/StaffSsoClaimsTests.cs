using System.Security.Claims;
using TrustPortal.Web.Features.SignIn;
using TrustPortal.Web.Security;

namespace TrustPortal.Tests.SignIn;

public sealed class StaffSsoClaimsTests
{
    private static readonly StaffSsoOptions Options = new()
    {
        Authority = "https://idp.example",
        ClientId = "portal",
        RoleMap = new() { ["trust-admins"] = "Admin", ["trust-legal"] = "Legal", ["legal-eu"] = "Legal" },
    };

    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "oidc"));

    [Fact]
    public void RolesFor_MapsEachGroupOnce_InThePortalsOrder_AndIgnoresOthers()
    {
        var principal = Principal(("groups", "legal-eu"), ("groups", "everyone"), ("groups", "trust-admins"), ("groups", "trust-legal"));

        Assert.Equal([Roles.Legal, Roles.Admin], new StaffSsoClaims(Options).RolesFor(principal));
    }

    [Fact]
    public void RolesFor_IsCaseSensitive_AndReadsOnlyTheConfiguredClaim()
    {
        var principal = Principal(("groups", "TRUST-ADMINS"), ("roles", "trust-legal"));

        Assert.Empty(new StaffSsoClaims(Options).RolesFor(principal));
    }

    [Theory]
    [InlineData("mfa", true)]
    [InlineData("hwk", true)]
    [InlineData("otp", true)]
    [InlineData("pwd", false)]
    public void SatisfiesMfa_OnlyWhenAmrNamesASecondFactor(string method, bool expected)
    {
        Assert.Equal(expected, new StaffSsoClaims(Options).SatisfiesMfa(Principal(("amr", "pwd"), ("amr", method))));
    }

    [Fact]
    public void SatisfiesMfa_WithTrustIdpMfa_EvenWithoutAmr()
    {
        var trusting = new StaffSsoOptions { Authority = "https://idp.example", ClientId = "portal", TrustIdpMfa = true };

        Assert.True(new StaffSsoClaims(trusting).SatisfiesMfa(Principal(("sub", "1"))));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("false", false)]
    public void EmailVerified_OnlyWhenTheProviderSaysTrue(string value, bool expected)
    {
        Assert.Equal(expected, StaffSsoClaims.EmailVerified(Principal(("email_verified", value))));
        Assert.False(StaffSsoClaims.EmailVerified(Principal(("email", "a@b.example"))));
    }

    [Fact]
    public void Problem_RefusesCustomerInTheRoleMap_AndPasswordsOffWithoutAnAuthority()
    {
        var customer = new StaffSsoOptions { Authority = "https://idp.example", ClientId = "portal", RoleMap = new() { ["all"] = "Customer" } };
        var noAuthority = new StaffSsoOptions { DisablePasswordSignInForStaff = true };
        var noClient = new StaffSsoOptions { Authority = "https://idp.example" };

        Assert.Contains("Customer", customer.Problem(), StringComparison.Ordinal);
        Assert.Contains("DisablePasswordSignInForStaff", noAuthority.Problem(), StringComparison.Ordinal);
        Assert.Contains("ClientId", noClient.Problem(), StringComparison.Ordinal);
        Assert.Null(Options.Problem());
        Assert.Null(new StaffSsoOptions().Problem());
    }
}
