using TrustPortal.Web.Features.Organizations;

namespace TrustPortal.Tests.Organizations;

public sealed class OrganizationRulesTests
{
    [Theory]
    [InlineData("Acme Corporation")]
    [InlineData("  Globex  ")]
    [InlineData("Société Générale")]
    public void ValidateName_AcceptsRealNames(string name) => Assert.Null(OrganizationRules.ValidateName(name));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" a ")]
    [InlineData("bad\u0000name")]
    public void ValidateName_RefusesEmptyShortOrControlCharacters(string? name) => Assert.NotNull(OrganizationRules.ValidateName(name));

    [Fact]
    public void ValidateName_RefusesOverlongNames() =>
        Assert.Contains("at most", OrganizationRules.ValidateName(new string('x', 10_000)), StringComparison.Ordinal);

    [Theory]
    [InlineData("dpo@acme.example")]
    [InlineData("first.last+tag@sub.acme.example")]
    public void ValidateEmail_AcceptsAddresses(string email) => Assert.Null(OrganizationRules.ValidateEmail(email));

    [Theory]
    [InlineData("")]
    [InlineData("not-an-email")]
    [InlineData("Display Name <dpo@acme.example>")]
    [InlineData("a@b@c")]
    public void ValidateEmail_RefusesMalformedAddresses(string email) => Assert.NotNull(OrganizationRules.ValidateEmail(email));
}
