using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Admin;

namespace TrustPortal.IntegrationTests.Sealing;

/// <summary>The portal sealing with a vendor PFX that expires in 40 days, on a clock the test moves.</summary>
public sealed class ExpiringCertificatePortal : PortalFactory
{
    public const string Subject = "CN=Meridian AI expiring seal, O=Meridian AI";

    public ExpiringCertificatePortal()
    {
        Thumbprint = TestSealCertificates.WritePfx(Path.Combine(DataDirectory, "expiring.pfx"), Subject, Time.GetUtcNow().AddDays(40));
    }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public string Thumbprint { get; }

    protected override TimeProvider? Clock => Time;

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Agreements:Seal:CertificatePath"] = "expiring.pfx",
        ["Agreements:Seal:CertificatePassword"] = TestSealCertificates.Password,
    };
}

/// <summary>Admins are warned, on their pages and once by email, 30 days before the active sealing certificate expires.</summary>
public sealed class CertificateExpiryTests(ExpiringCertificatePortal portal) : IClassFixture<ExpiringCertificatePortal>
{
    private const string AdminEmail = "admin@trustportal.local";
    private const string Subject = "The document-sealing certificate expires";

    [Fact]
    public async Task Expiry_WarnsAdminsOnceByEmailAndOnTheirPages_From30DaysBefore()
    {
        var watch = portal.Services.GetRequiredService<SealCertificateWatch>();
        await watch.RunOnceAsync();
        Assert.Equal(0, await WarningsAsync());
        Assert.Null(await BannerAsync(AdminEmail));

        portal.Time.Advance(TimeSpan.FromDays(9));
        await watch.RunOnceAsync();
        Assert.Equal(0, await WarningsAsync());

        portal.Time.Advance(TimeSpan.FromDays(1.5));
        await watch.RunOnceAsync();
        await watch.RunOnceAsync();

        await using var db = portal.CreateDbContext();
        var email = Assert.Single(await db.OutboxMessages.AsNoTracking().Where(m => m.Subject.Contains(Subject)).ToListAsync());
        Assert.Equal(AdminEmail, email.To);
        Assert.Contains(ExpiringCertificatePortal.Subject, email.TextBody, StringComparison.Ordinal);
        Assert.Contains(portal.Thumbprint, email.TextBody, StringComparison.Ordinal);
        var warned = Assert.Single(await db.AuditEvents.AsNoTracking().Where(e => e.Action == "seal-certificate.expiry-warned").ToListAsync());
        Assert.Equal(portal.Thumbprint, warned.EntityId);
        Assert.Contains("expires", (await BannerAsync(AdminEmail))?.TextContent, StringComparison.Ordinal);
        // Legal sees the self-signed notice only; the expiry is the Admins' to act on.
        Assert.Null(await BannerAsync("legal@trustportal.local"));
    }

    private async Task<int> WarningsAsync()
    {
        await using var db = portal.CreateDbContext();
        return await db.OutboxMessages.CountAsync(m => m.Subject.Contains(Subject));
    }

    private async Task<AngleSharp.Dom.IElement?> BannerAsync(string email)
    {
        using var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync(email, PortalFactory.DemoPassword);
        var page = await client.GetDocumentAsync(email == AdminEmail ? "/admin" : "/legal/agreements");
        Assert.NotNull(page.QuerySelector("main h1"));
        return page.QuerySelector("[data-banner='seal-expiring']");
    }
}
