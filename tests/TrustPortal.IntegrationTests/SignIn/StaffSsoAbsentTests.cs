using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;

namespace TrustPortal.IntegrationTests.SignIn;

/// <summary>Without Authentication:Oidc:Authority nothing of single sign-on exists: no scheme, no button, no way through.</summary>
public sealed class StaffSsoAbsentTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task WithoutConfiguration_ThereIsNoSchemeAndNoButton()
    {
        using var client = new PortalClient(portal.BaseAddress);

        var page = await client.GetDocumentAsync("/Account/Login");
        var schemes = await portal.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetAllSchemesAsync();

        Assert.DoesNotContain(schemes, s => s.Name == "oidc");
        Assert.Null(page.QuerySelector("button[name=provider]"));
        Assert.DoesNotContain("Sign in with", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutConfiguration_PostingTheButtonAnyway_GoesBackToSignIn()
    {
        using var client = new PortalClient(portal.BaseAddress);
        var token = await client.AntiforgeryTokenAsync();

        using var response = await client.PostFormAsync("/Account/PerformExternalLogin", new Dictionary<string, string>
        {
            ["provider"] = "oidc",
            ["__RequestVerificationToken"] = token,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location?.OriginalString);
    }
}
