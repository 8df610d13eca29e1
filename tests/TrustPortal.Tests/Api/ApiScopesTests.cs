using TrustPortal.Web.Features.Api;
using TrustPortal.Web.Features.Api.Tokens;
using TrustPortal.Web.Security;

namespace TrustPortal.Tests.Api;

public sealed class ApiScopesTests
{
    [Fact]
    public void AllowedFor_ACustomer_IsTheirOrganizationsScopesOnly()
    {
        var scopes = ApiScopes.AllowedFor([Roles.Customer], forOrganization: true);

        Assert.Equal([ApiScopes.AgreementsRead, ApiScopes.AttestationsRead, ApiScopes.RequestsRead, ApiScopes.ElectionsRead], scopes);
        Assert.Empty(ApiScopes.AllowedFor([Roles.Legal], forOrganization: true));
    }

    [Theory]
    [InlineData(Roles.Sales, "organizations:read attestations:read requests:read elections:read")]
    [InlineData(Roles.Legal, "agreements:read organizations:read attestations:read requests:read elections:read audit:read")]
    [InlineData(Roles.Admin, "audit:read")]
    [InlineData(Roles.Customer, "")]
    public void AllowedFor_StaffRoles_IsWhatTheRoleCanReadInThePortal(string role, string expected)
    {
        Assert.Equal(expected, string.Join(' ', ApiScopes.AllowedFor([role], forOrganization: false)));
    }

    [Fact]
    public void Secrets_AreRecognisable_Unique_AndHashedToHex()
    {
        var first = ApiTokenSecrets.Create();
        var second = ApiTokenSecrets.Create();

        Assert.NotEqual(first, second);
        Assert.True(ApiTokenSecrets.LooksLikeSecret(first));
        Assert.Matches("^[0-9a-f]{64}$", ApiTokenSecrets.Hash(first));
        Assert.StartsWith(ApiTokenSecrets.Hint(first), first, StringComparison.Ordinal);
        Assert.True(ApiTokenSecrets.Hint(first).Length < 12);
    }

    [Theory]
    [InlineData("")]
    [InlineData("tp_short")]
    [InlineData("gh_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("tp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=")]
    public void LooksLikeSecret_RefusesOtherShapes(string value) => Assert.False(ApiTokenSecrets.LooksLikeSecret(value));

    [Fact]
    public void Cursor_RoundTrips_AndAForgedOneIsAProblem()
    {
        var query = new ApiQuery();
        Assert.Equal(["638000000000000000", "DPA-2026-000001"], query.Cursor(ApiQuery.EncodeCursor("638000000000000000", "DPA-2026-000001"), 2)!);
        Assert.Null(query.Problem);

        Assert.Null(query.Cursor(ApiQuery.EncodeCursor("only one"), 2));
        Assert.Contains("cursor", query.Problem, StringComparison.Ordinal);
    }
}
