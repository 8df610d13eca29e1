using TrustPortal.Web.Features.Webhooks;

namespace TrustPortal.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    [Fact]
    public void Sign_MatchesTheStandardWebhooksTestVector()
    {
        var signature = WebhookSignature.Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, """{"test": 2432232314}""");

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void NewSecret_IsValid_AndDifferentEachTime()
    {
        var first = WebhookSignature.NewSecret();

        Assert.StartsWith("whsec_", first, StringComparison.Ordinal);
        Assert.Null(WebhookSignature.Validate(first));
        Assert.NotEqual(first, WebhookSignature.NewSecret());
    }

    [Theory]
    [InlineData("")]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    [InlineData("whsec_not*base64")]
    [InlineData("whsec_c2hvcnQ=")]
    public void Validate_RefusesSecretsThatCannotSign(string secret) => Assert.NotNull(WebhookSignature.Validate(secret));
}
