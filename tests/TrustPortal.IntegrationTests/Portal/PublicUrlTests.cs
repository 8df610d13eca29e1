using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.IntegrationTests.Portal;

/// <summary>
/// The test portal runs in Development with no Vendor:PublicUrl on a port Kestrel picks: the links it writes into
/// emails and sealed PDFs, built where there is no request (a circuit, the outbox), point at that port.
/// </summary>
public sealed class PublicUrlTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task WithoutAPublicUrl_LinksUseTheAddressThePortalListensOn()
    {
        var listening = portal.BaseAddress;
        await using var scope = portal.Services.CreateAsyncScope();

        var link = scope.ServiceProvider.GetRequiredService<PublicUrls>().Absolute("/verify");

        Assert.Equal(new Uri(listening, "/verify").ToString(), link);
        Assert.NotEqual(5080, listening.Port);
    }
}
