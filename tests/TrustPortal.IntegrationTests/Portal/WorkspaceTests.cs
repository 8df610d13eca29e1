using System.Net;
using TrustPortal.Testing;

namespace TrustPortal.IntegrationTests.Portal;

public sealed class WorkspaceTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("customer@acme.example", "/portal")]
    [InlineData("legal@trustportal.local", "/legal/countersign")]
    [InlineData("admin@trustportal.local", "/legal/audit")]
    [InlineData("sales@trustportal.local", "/sales/requests")]
    public async Task Workspace_SendsEachRoleToItsOwnArea(string email, string expected)
    {
        using var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync(email, PortalFactory.DemoPassword);

        using var response = await client.GetAsync("/workspace");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Workspace_Anonymous_IsSentToSignIn()
    {
        using var client = new PortalClient(portal.BaseAddress);

        using var response = await client.GetAsync("/workspace");

        Assert.StartsWith("/Account/Login", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }
}
