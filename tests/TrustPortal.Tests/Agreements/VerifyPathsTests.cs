using TrustPortal.Web.Features.Agreements;

namespace TrustPortal.Tests.Agreements;

public sealed class VerifyPathsTests
{
    [Theory]
    [InlineData("9F90578D0E8516E795677FE5ED232323EB4E367D5593670A2E16E7492E5AF9C4", "9f90578d0e8516e795677fe5ed232323eb4e367d5593670a2e16e7492e5af9c4")]
    [InlineData("9f90578d0e8516e795677fe5ed232323eb4e367d5593670a2e16e7492e5af9c4", "9f90578d0e8516e795677fe5ed232323eb4e367d5593670a2e16e7492e5af9c4")]
    public void TryParseFingerprint_SixtyFourHexDigits_IsTheLowerCaseHash(string text, string expected)
    {
        Assert.True(VerifyPaths.TryParseFingerprint(text, out var sha256));
        Assert.Equal(expected, sha256);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("9f90578d0e8516e795677fe5ed232323eb4e367d5593670a2e16e7492e5af9c")]
    [InlineData("9f90578d0e8516e795677fe5ed232323eb4e367d5593670a2e16e7492e5af9c44")]
    [InlineData("9f90578d0e8516e795677fe5ed232323eb4e367d5593670a2e16e7492e5af9cg")]
    [InlineData("９f90578d0e8516e795677fe5ed232323eb4e367d5593670a2e16e7492e5af9c")]
    public void TryParseFingerprint_AnythingElse_IsRefused(string? text) => Assert.False(VerifyPaths.TryParseFingerprint(text, out _));

    [Fact]
    public void ForAgreement_IsTheDashedId()
    {
        var id = Guid.Parse("3f2504e0-4f89-41d3-9a0c-0305e82c3301");

        Assert.Equal("/verify/a/3f2504e0-4f89-41d3-9a0c-0305e82c3301", VerifyPaths.ForAgreement(id));
    }
}
