using TrustPortal.Web.Shared;

namespace TrustPortal.Tests.Shared;

public sealed class SignatureMatchingTests
{
    [Theory]
    [InlineData("Casey Customer", "Casey Customer")]
    [InlineData("casey   customer", "Casey Customer")]
    [InlineData(" CASEY CUSTOMER ", "Casey Customer")]
    [InlineData("Zoë Ångström", "Zoe\u0308 A\u030Angstro\u0308m")]
    public void Matches_SameNameDespiteCaseSpacingOrComposition(string typed, string signatory) =>
        Assert.True(SignatureMatching.Matches(typed, signatory));

    [Theory]
    [InlineData("Casey", "Casey Customer")]
    [InlineData("Casey Customers", "Casey Customer")]
    [InlineData("", "Casey Customer")]
    public void Matches_DifferentName_DoesNot(string typed, string signatory) =>
        Assert.False(SignatureMatching.Matches(typed, signatory));
}
