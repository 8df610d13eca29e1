using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Data.Demo;
using TrustPortal.Web.Features.Attestations;
using TrustPortal.Web.Features.TrustCenter;
using TrustPortal.Web.Features.TrustCenter.Admin;
using TrustPortal.Web.Shared;

namespace TrustPortal.IntegrationTests.TrustCenter;

/// <summary>Admins edit the compliance program and publish SOC 2 reports; nobody else can.</summary>
public sealed class CertificationAdminTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Admin = "admin@trustportal.local";

    [Fact]
    public async Task CertificationsPage_ForAdmin_ListsTheProgramAndTheReport()
    {
        using var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync(Admin, PortalFactory.DemoPassword);

        var page = await client.GetDocumentAsync("/admin/certifications");

        Assert.Contains("Publish a new report", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(DemoSoc2Report.Title, page.Body.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("customer@acme.example")]
    [InlineData("sales@trustportal.local")]
    [InlineData("legal@trustportal.local")]
    public async Task Service_ForNonAdmins_RefusesAndChangesNothing(string email)
    {
        var before = await SnapshotAsync();
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(email));
        var service = scope.ServiceProvider.GetRequiredService<CertificationAdminService>();
        var certification = await FirstCertificationAsync();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.ListAsync());
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.SaveAsync(new CertificationInput
        {
            Id = certification.Id, Framework = certification.Framework, Status = CertificationStatus.Expired, Name = "Hijacked", Summary = "x", HowToObtain = "x",
        }));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.PublishReportAsync(ReportInput(), "r.pdf", DemoSoc2Report.Render(DateTime.UtcNow)));

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Save_ValidChange_IsShownOnComplianceAtOnceAndAudited()
    {
        using var visitor = new PortalClient(portal.BaseAddress);
        await visitor.GetDocumentAsync("/compliance");
        var certification = await FirstCertificationAsync();
        var input = CertificationInput.From(certification);
        input.Summary = "A summary rewritten by the admin test.";

        await using (var scope = portal.ScopeAs(await portal.PrincipalForAsync(Admin)))
        {
            var result = await scope.ServiceProvider.GetRequiredService<CertificationAdminService>().SaveAsync(input);
            Assert.True(result.Succeeded, string.Join(" | ", result.Errors.Select(e => e.ErrorMessage)));
        }

        var page = await visitor.GetDocumentAsync("/compliance");
        Assert.Contains("A summary rewritten by the admin test.", page.Body!.TextContent, StringComparison.Ordinal);
        await using var db = portal.CreateDbContext();
        var entityId = certification.Id.ToString(CultureInfo.InvariantCulture);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "certification.updated" && e.EntityId == entityId));
    }

    [Fact]
    public async Task Save_InvalidFields_IsRefusedWithMessagesAtTheFieldsAndStoresNothing()
    {
        var before = await SnapshotAsync();
        var certification = await FirstCertificationAsync();
        var input = CertificationInput.From(certification);
        input.Name = "X";
        input.HowToObtain = "";
        input.PeriodStart = new DateOnly(2026, 10, 1);
        input.PeriodEnd = new DateOnly(2026, 1, 1);
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(Admin));

        var result = await scope.ServiceProvider.GetRequiredService<CertificationAdminService>().SaveAsync(input);

        Assert.False(result.Succeeded);
        var fields = result.Errors.SelectMany(e => e.MemberNames).ToList();
        Assert.Contains(nameof(CertificationInput.Name), fields);
        Assert.Contains(nameof(CertificationInput.HowToObtain), fields);
        Assert.Contains(nameof(CertificationInput.PeriodEnd), fields);
        Assert.Equal(before, await SnapshotAsync());
    }

    /// <summary>Named, not inlined: xunit serializes theory data up front, and a 20 MB array there costs gigabytes.</summary>
    public static TheoryData<string, string> BadFiles => new()
    {
        { "report.pdf", "text" },
        { "report.pdf", "header-only" },
        { "report.png", "png" },
        { "report.pdf", "empty" },
        { "report.pdf", "oversize" },
        { "deep-arrays.pdf", "deep-arrays" },
        { "deep-dictionaries.pdf", "deep-dictionaries" },
        { "hidden-nesting.pdf", "hidden-nesting" },
        { "page-tree-loop.pdf", "page-tree-loop" },
    };

    private static byte[] BadFile(string kind) => kind switch
    {
        "text" => "Just text pretending to be a PDF."u8.ToArray(),
        "header-only" => "%PDF-1.7\nbut nothing else"u8.ToArray(),
        "png" => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
        "empty" => [],
        "oversize" => OverSize(),
        "deep-arrays" => HostilePdfs.NestedArrays(200_000),
        "deep-dictionaries" => HostilePdfs.NestedDictionaries(20_000),
        "hidden-nesting" => HostilePdfs.NestedArraysInObjectStream(200_000),
        _ => HostilePdfs.KidsCycle(),
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task PublishReport_NotAReadablePdfOrTooLarge_IsRefusedAndStoresNothing(string fileName, string kind)
    {
        var before = await SnapshotAsync();
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(Admin));

        var result = await scope.ServiceProvider.GetRequiredService<CertificationAdminService>().PublishReportAsync(ReportInput(), fileName, BadFile(kind));

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.MemberNames.Contains("File"));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task PublishReport_RealPdf_BecomesCurrent_AndCurrentSoc2AttestationsBecomeExpiring()
    {
        var now = DateTime.UtcNow;
        Guid organizationId;
        Guid otherId;
        await using (var db = portal.CreateDbContext())
        {
            var organizations = await db.Organizations.OrderBy(o => o.Name).Select(o => o.Id).Take(2).ToListAsync();
            (organizationId, otherId) = (organizations[0], organizations[1]);
            await db.Attestations.Where(a => a.Framework == ComplianceFramework.Soc2Type2 && (a.OrganizationId == organizationId || a.OrganizationId == otherId))
                .ExecuteDeleteAsync();
            db.Attestations.Add(new Attestation { OrganizationId = organizationId, Framework = ComplianceFramework.Soc2Type2, Status = AttestationStatus.Current, UpdatedAtUtc = now });
            db.Attestations.Add(new Attestation { OrganizationId = otherId, Framework = ComplianceFramework.Soc2Type2, Status = AttestationStatus.Requested, UpdatedAtUtc = now });
            await db.SaveChangesAsync();
        }
        var pdf = DemoSoc2Report.Render(now);

        await using (var scope = portal.ScopeAs(await portal.PrincipalForAsync(Admin)))
        {
            var result = await scope.ServiceProvider.GetRequiredService<CertificationAdminService>()
                .PublishReportAsync(ReportInput(), "../../etc/soc2 2027.pdf", pdf);
            Assert.True(result.Succeeded, string.Join(" | ", result.Errors.Select(e => e.ErrorMessage)));
            Assert.True(result.Value >= 1);
        }

        await using var check = portal.CreateDbContext();
        var current = await check.Soc2Reports.AsNoTracking().OrderByDescending(r => r.PublishedAtUtc).FirstAsync();
        Assert.Equal("SOC 2 Type 2 Report 2027", current.Title);
        Assert.Equal(pdf, current.Content);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), current.Sha256);
        Assert.Equal(Admin, current.PublishedBy);
        Assert.Equal("soc2-2027.pdf", current.FileName);
        Assert.True(await check.AuditEvents.AnyAsync(e => e.Action == "soc2.report.published" && e.EntityId == current.Id.ToString()));

        var expiring = await check.Attestations.SingleAsync(a => a.OrganizationId == organizationId && a.Framework == ComplianceFramework.Soc2Type2);
        Assert.Equal(AttestationStatus.Expiring, expiring.Status);
        Assert.NotNull(expiring.ExpiresAtUtc);
        Assert.InRange(expiring.ExpiresAtUtc.Value, now.AddDays(29), now.AddDays(31));
        Assert.True(await check.AuditEvents.AnyAsync(e => e.Action == "attestation.updated" && e.EntityId == expiring.Id.ToString() && e.Data.Contains("Expiring")));
        var untouched = await check.Attestations.SingleAsync(a => a.OrganizationId == otherId && a.Framework == ComplianceFramework.Soc2Type2);
        Assert.Equal(AttestationStatus.Requested, untouched.Status);
    }

    private static Soc2ReportInput ReportInput() => new()
    {
        Title = "SOC 2 Type 2 Report 2027",
        Auditor = "Harbor & Finch LLP",
        PeriodStart = new DateOnly(2026, 10, 1),
        PeriodEnd = new DateOnly(2027, 9, 30),
    };

    private static byte[] OverSize()
    {
        var content = new byte[CertificationAdminService.MaxReportBytes + 1];
        "%PDF-1.7\n"u8.CopyTo(content);
        return content;
    }

    private async Task<Certification> FirstCertificationAsync()
    {
        _ = portal.BaseAddress;
        await using var db = portal.CreateDbContext();
        return await db.Certifications.AsNoTracking().OrderBy(c => c.Order).FirstAsync();
    }

    private async Task<string> SnapshotAsync()
    {
        _ = portal.BaseAddress;
        await using var db = portal.CreateDbContext();
        var certifications = await db.Certifications.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
        var attestations = await db.Attestations.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id + ":" + a.Status).ToListAsync();
        return string.Join("\n", certifications.Select(c => $"{c.Id}|{c.Framework}|{c.Status}|{c.Name}|{c.Summary}|{c.HowToObtain}|{c.Auditor}|{c.PeriodStart}|{c.PeriodEnd}"))
            + "\n" + string.Join(",", attestations)
            + "\n" + await db.Soc2Reports.CountAsync() + "\n" + await db.AuditEvents.CountAsync();
    }
}
