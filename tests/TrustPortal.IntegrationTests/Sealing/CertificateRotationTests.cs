using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.IntegrationTests.Dpa;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Agreements.Certificates;
using TrustPortal.Web.Features.Dpa;

namespace TrustPortal.IntegrationTests.Sealing;

/// <summary>
/// The same database before and after the vendor's certificate is configured: the first host seals with the portal's
/// self-signed default, the second (started later with a PFX) with the new certificate.
/// </summary>
public sealed class RotatedPortals : IAsyncLifetime
{
    public const string NewSubject = "CN=Meridian AI document seal 2027, O=Meridian AI";

    private static readonly string ChainKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public RotationHost Before { get; } = new(first: null, ChainKey, pfx: null);

    public RotationHost After { get; private set; } = null!;

    public string NewThumbprint { get; private set; } = "";

    /// <summary>Executed by <see cref="Before"/>, with the self-signed certificate.</summary>
    public ExecutionResult Old { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Old = await RotationHost.ExecuteAsync(Before);
        var pfx = Path.Combine(Before.DataDirectory, "vendor-seal.pfx");
        NewThumbprint = TestSealCertificates.WritePfx(pfx, NewSubject, DateTimeOffset.UtcNow.AddYears(2));
        After = new RotationHost(Before, ChainKey, pfx);
        _ = After.BaseAddress;
    }

    public async Task DisposeAsync()
    {
        await After.DisposeAsync();
        await Before.DisposeAsync();
    }
}

/// <param name="first">The host whose database this one shares; null for the first host.</param>
/// <param name="pfx">The configured sealing certificate; null for the self-signed default.</param>
public sealed class RotationHost(RotationHost? first, string chainKey, string? pfx) : PortalFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Audit:ChainKey"] = chainKey,
        ["Demo:Seed"] = first is null ? "true" : "false",
        ["Agreements:Seal:CertificatePath"] = pfx ?? "",
        ["Agreements:Seal:CertificatePassword"] = pfx is null ? "" : TestSealCertificates.Password,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (first is null)
        {
            return;
        }
        builder.UseSetting("ConnectionStrings:DefaultConnection", $"Data Source={Path.Combine(first.DataDirectory, "portal.db")}");
        if (first.PostgresConnectionString is { } shared)
        {
            builder.UseSetting("ConnectionStrings:Postgres", shared);
        }
    }

    public static async Task<ExecutionResult> ExecuteAsync(PortalFactory portal)
    {
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(DpaTestData.GlobexEmail));
        var result = await scope.ServiceProvider.GetRequiredService<DpaService>().ExecuteAsync(DpaTestData.GlobexDraft(), DpaTestData.Signature());
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.ErrorMessage)));
        return result;
    }
}

/// <summary>
/// Certificate lifecycle: configuring a new PFX registers it as active and retires the old one (both in the audit
/// trail); PDFs sealed before and after the rotation both verify as authentic, the older one "sealed with retired
/// certificate"; staff see the self-signed warning only while the default certificate seals.
/// </summary>
public sealed class CertificateRotationTests(RotatedPortals portals) : IClassFixture<RotatedPortals>
{
    [Fact]
    public async Task Rotation_RegistersTheNewCertificateAsActiveAndRetiresTheOldOneWithAuditEvents()
    {
        await using var db = portals.After.CreateDbContext();
        var registry = await db.SealingCertificates.AsNoTracking().ToListAsync();

        Assert.Equal(2, registry.Count);
        var active = Assert.Single(registry, c => c.Status == SealingCertificateStatus.Active);
        Assert.Equal(portals.NewThumbprint, active.Thumbprint);
        Assert.Equal(RotatedPortals.NewSubject, active.Subject);
        Assert.False(active.SelfSigned);
        var retired = Assert.Single(registry, c => c.Status == SealingCertificateStatus.Retired);
        Assert.True(retired.SelfSigned);
        Assert.NotNull(retired.RetiredAtUtc);
        var events = await db.AuditEvents.AsNoTracking().Where(e => e.EntityType == nameof(SealingCertificate)).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["seal-certificate.registered", "seal-certificate.retired", "seal-certificate.registered"], events.Select(e => e.Action));
        Assert.Equal(retired.Thumbprint, events[1].EntityId);
        Assert.Equal(active.Thumbprint, events[2].EntityId);
    }

    [Fact]
    public async Task Verify_PdfsSealedBeforeAndAfterRotation_AreBothAuthenticAndTheOlderNamesItsRetiredCertificate()
    {
        var newer = await RotationHost.ExecuteAsync(portals.After);
        var oldPdf = await PdfAsync(portals.Old.AgreementId!.Value);
        var newPdf = await PdfAsync(newer.AgreementId!.Value);
        Assert.True(PdfTools.IsValidlySealed(oldPdf), PdfTools.Pdfsig(oldPdf));
        Assert.True(PdfTools.IsValidlySealed(newPdf), PdfTools.Pdfsig(newPdf));

        var (oldStatus, oldAnswer) = await VerifyAsync(oldPdf);
        var (newStatus, newAnswer) = await VerifyAsync(newPdf);

        Assert.Equal(HttpStatusCode.OK, oldStatus);
        Assert.True(oldAnswer.GetProperty("authentic").GetBoolean());
        Assert.Equal(portals.Old.Number, oldAnswer.GetProperty("agreementNumber").GetString());
        Assert.True(oldAnswer.GetProperty("sealCertificateRetired").GetBoolean());
        var note = oldAnswer.GetProperty("sealNote").GetString()!;
        Assert.StartsWith("Sealed with retired certificate CN=", note, StringComparison.Ordinal);
        Assert.Contains(oldAnswer.GetProperty("sealCertificateSha256").GetString()!, note, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, newStatus);
        Assert.True(newAnswer.GetProperty("authentic").GetBoolean());
        Assert.False(newAnswer.GetProperty("sealCertificateRetired").GetBoolean());
        Assert.Equal(portals.NewThumbprint, newAnswer.GetProperty("sealCertificateSha256").GetString());
        Assert.Equal(JsonValueKind.Null, newAnswer.GetProperty("sealNote").ValueKind);

        using var anonymous = new PortalClient(portals.After.BaseAddress);
        var oldPage = await anonymous.GetDocumentAsync($"/verify/{Convert.ToHexStringLower(SHA256.HashData(oldPdf))}");
        var newPage = await anonymous.GetDocumentAsync($"/verify/{Convert.ToHexStringLower(SHA256.HashData(newPdf))}");
        Assert.Contains("Sealed with retired certificate", oldPage.QuerySelector("[data-fact='sealer-retired']")?.TextContent, StringComparison.Ordinal);
        Assert.Null(newPage.QuerySelector("[data-fact='sealer-retired']"));
        Assert.Contains(portals.NewThumbprint, newPage.QuerySelector("[data-fact='sealer']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SelfSignedBanner_ShownToLegalAndAdminWhileTheDefaultSeals_NeverToCustomers()
    {
        Assert.NotNull(await BannerAsync(portals.Before, "legal@trustportal.local", "/legal/agreements"));
        Assert.NotNull(await BannerAsync(portals.Before, "admin@trustportal.local", "/admin"));
        Assert.Null(await BannerAsync(portals.Before, DpaTestData.AcmeEmail, "/portal"));
        Assert.Null(await BannerAsync(portals.After, "legal@trustportal.local", "/legal/agreements"));
    }

    private static async Task<AngleSharp.Dom.IElement?> BannerAsync(PortalFactory portal, string email, string path)
    {
        using var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync(email, PortalFactory.DemoPassword);
        var page = await client.GetDocumentAsync(path);
        Assert.NotNull(page.QuerySelector("main"));
        return page.QuerySelector("[data-banner='seal-self-signed']");
    }

    private async Task<byte[]> PdfAsync(Guid agreementId)
    {
        await using var db = portals.After.CreateDbContext();
        return await db.AgreementDocuments.Where(d => d.AgreementId == agreementId).Select(d => d.Content).SingleAsync();
    }

    private async Task<(HttpStatusCode Status, JsonElement Answer)> VerifyAsync(byte[] file)
    {
        using var http = new HttpClient { BaseAddress = portals.After.BaseAddress };
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new("application/pdf");
        content.Add(part, "file", "agreement.pdf");
        using var response = await http.PostAsync("/api/verify", content);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}
