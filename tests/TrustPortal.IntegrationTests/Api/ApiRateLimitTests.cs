using System.Net;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Api;

namespace TrustPortal.IntegrationTests.Api;

/// <summary>A portal that lets each token make three API requests a minute.</summary>
public sealed class LowApiLimitPortal : PortalFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["RateLimiting:ApiPerMinute"] = "3" };
}

public sealed class ApiRateLimitTests(LowApiLimitPortal portal) : IClassFixture<LowApiLimitPortal>
{
    [Fact]
    public async Task ATokenOverItsBudget_Gets429WithRetryAfter_AnotherTokenDoesNot()
    {
        using var busy = ApiTestData.Client(portal, await ApiTestData.CreateTokenAsync(portal, ApiTestData.AcmeEmail, [ApiScopes.AgreementsRead]));
        using var other = ApiTestData.Client(portal, await ApiTestData.CreateTokenAsync(portal, ApiTestData.AcmeEmail, [ApiScopes.AgreementsRead]));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/api/v1/agreements")).StatusCode);
        }

        using var refused = await busy.GetAsync("/api/v1/agreements");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/agreements")).StatusCode);
    }
}

/// <summary>A portal that lets each address make five API requests a minute, whatever the token.</summary>
public sealed class LowApiAddressLimitPortal : PortalFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["RateLimiting:ApiPerAddressPerMinute"] = "5" };
}

public sealed class ApiAddressRateLimitTests(LowApiAddressLimitPortal portal) : IClassFixture<LowApiAddressLimitPortal>
{
    [Fact]
    public async Task GuessingTokensFromOneAddress_Gets429BeforeAnyLookup()
    {
        using var guesser = ApiTestData.Client(portal, "tp_" + new string('a', 43));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.GetAsync("/api/v1/agreements")).StatusCode);
        }

        using var refused = await guesser.GetAsync("/api/v1/agreements");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter);
    }
}
