using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Features.SignIn;

namespace TrustPortal.Testing;

/// <summary>
/// The portal with staff single sign-on against a <see cref="TestOidcProvider"/>: Legal, Sales and Admin groups
/// mapped, and the provider told to accept the portal as its client.
/// </summary>
public class SsoPortal : PortalFactory
{
    public const string LegalGroup = "trust-legal", SalesGroup = "trust-sales", AdminGroup = "trust-admins";

    public SsoPortal() => Provider = new TestOidcProvider();

    public TestOidcProvider Provider { get; }

    /// <summary>Whether password sign-in is off for staff in this test class.</summary>
    protected virtual bool DisablePasswordsForStaff => false;

    protected override IDictionary<string, string?> ExtraSettings => Provider.PortalSettings(
        new Dictionary<string, string> { [LegalGroup] = "Legal", [SalesGroup] = "Sales", [AdminGroup] = "Admin" },
        DisablePasswordsForStaff);

    /// <summary>Starts the portal and registers it with the provider; returns its address.</summary>
    public async Task<Uri> StartAsync()
    {
        var address = BaseAddress;
        await Provider.RegisterPortalAsync(address);
        // Warm both ends once (the provider's discovery and keys, the portal's copy of them), so a test's first click
        // on a busy machine does not also pay for start-up.
        var options = Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(StaffSsoOptions.Scheme);
        await options.ConfigurationManager!.GetConfigurationAsync(CancellationToken.None);
        return address;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The tests run on plain http, where a Secure, SameSite=None cookie is not sent back. The provider is on the
        // same host (another port), so its form post back to the portal is same-site and Lax cookies travel with it.
        builder.ConfigureServices(services => services.PostConfigure<OpenIdConnectOptions>(StaffSsoOptions.Scheme, options =>
        {
            foreach (var cookie in new[] { options.CorrelationCookie, options.NonceCookie })
            {
                cookie.SameSite = SameSiteMode.Lax;
                cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            }
        }));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Provider.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
