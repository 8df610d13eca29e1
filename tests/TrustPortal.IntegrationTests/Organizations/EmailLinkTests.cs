using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Testing;

namespace TrustPortal.IntegrationTests.Organizations;

public sealed class EmailLinkTests(EmailLinkTests.ConfiguredUrlPortal portal) : IClassFixture<EmailLinkTests.ConfiguredUrlPortal>
{
    private const string PublicUrl = "https://trust.meridian.example";

    [Fact]
    public async Task ConfirmationLink_UsesTheConfiguredPublicUrl_NotTheRequestHost()
    {
        using var client = new PortalClient(portal.BaseAddress);
        var email = $"links-{Guid.NewGuid():N}@example.org";

        using (await client.SubmitFormAsync("/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Lee Links",
            ["Input.Email"] = email,
            ["Input.Password"] = "Correct-Horse-42",
            ["Input.ConfirmPassword"] = "Correct-Horse-42",
        })) { }

        await using var db = portal.CreateDbContext();
        var message = await db.OutboxMessages.SingleAsync(m => m.To == email);
        Assert.Contains($"{PublicUrl}/Account/ConfirmEmail?", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(portal.BaseAddress.Authority, message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Startup_OutsideDevelopmentWithoutPublicUrl_IsRefused()
    {
        using var production = new ProductionPortal();

        var error = Assert.ThrowsAny<Exception>(() => production.BaseAddress);

        Assert.Contains("Vendor:PublicUrl", error.ToString(), StringComparison.Ordinal);
    }

    private sealed class ProductionPortal : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }

    public sealed class ConfiguredUrlPortal : PortalFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Vendor:PublicUrl"] = PublicUrl };
    }
}
