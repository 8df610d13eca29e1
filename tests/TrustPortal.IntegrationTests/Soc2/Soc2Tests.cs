using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Attestations;
using TrustPortal.Web.Features.Organizations;
using TrustPortal.Web.Features.Soc2;
using TrustPortal.Web.Features.TrustCenter;
using TrustPortal.Web.Security;
using UglyToad.PdfPig;
using TrustPortal.Web.Shared;

namespace TrustPortal.IntegrationTests.Soc2;

/// <summary>
/// The NDA-gated SOC 2 report in the real portal: the seeded sample report, real SQLite file, audit trail and
/// attestations. Each test that accepts the NDA uses a reader of its own, so tests never see each other's acceptances.
/// </summary>
public sealed class Soc2Tests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Acme = "customer@acme.example";
    private const string Globex = "customer@globex.example";
    private const string Legal = "legal@trustportal.local";

    [Fact]
    public async Task Download_BeforeAccepting_IsNotFoundAndRecordsNoDelivery()
    {
        var reader = await NewReaderAsync();
        var before = await CountsAsync();
        using var client = await SignedInAsync(reader.Email);

        using var response = await client.GetAsync("/soc2/report");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await CountsAsync());
        await using var db = portal.CreateDbContext();
        Assert.False(await db.Attestations.AnyAsync(a => a.OrganizationId == reader.OrganizationId));
    }

    public static TheoryData<string, string, bool> BadAcceptances => new()
    {
        { nameof(NdaSignature.TypedName), "Somebody Else", true },
        { nameof(NdaSignature.TypedName), "", true },
        { nameof(NdaSignature.TypedName), "   ", true },
        { nameof(NdaSignature.TypedName), "<b>Riley Reader</b>", true },
        { nameof(NdaSignature.TypedName), "Riley\u0000Reader", true },
        { nameof(NdaSignature.TypedName), new string('R', 5_000), true },
        { nameof(NdaSignature.Consent), "Riley Reader", false },
    };

    [Theory]
    [MemberData(nameof(BadAcceptances))]
    public async Task Accept_BadInput_IsRefusedWithAMessageAtTheFieldAndStoresNothing(string field, string typedName, bool consent)
    {
        var reader = await NewReaderAsync("Riley Reader");
        var before = await CountsAsync();

        var result = await AcceptAsync(reader.Email, typedName, consent);

        Assert.False(result.Succeeded);
        Assert.Null(result.AcceptanceId);
        var message = Assert.Single(result.Errors, e => e.MemberNames.Contains(field));
        Assert.False(string.IsNullOrWhiteSpace(message.ErrorMessage));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Accept_NameTypedInOtherCaseAndSpacing_IsAccepted()
    {
        var reader = await NewReaderAsync("Riley Reader");

        var result = await AcceptAsync(reader.Email, "  riley   READER ", consent: true);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.ErrorMessage)));
    }

    [Fact]
    public async Task AcceptThenDownload_DeliversACopyWatermarkedOnEveryPageAndRecordsEverything()
    {
        var reader = await NewReaderAsync("Morgan Example");

        var accepted = await AcceptAsync(reader.Email, "Morgan Example", consent: true);

        Assert.True(accepted.Succeeded, string.Join(" ", accepted.Errors.Select(e => e.ErrorMessage)));
        await using (var db = portal.CreateDbContext())
        {
            var acceptance = await db.NdaAcceptances.SingleAsync(a => a.Id == accepted.AcceptanceId);
            Assert.Equal(reader.OrganizationId, acceptance.OrganizationId);
            Assert.Equal("Morgan Example", acceptance.TypedName);
            Assert.Equal(reader.Email, acceptance.Email);
            Assert.Equal("203.0.113.7", acceptance.IpAddress);
            Assert.Equal("PortalTests/1.0", acceptance.UserAgent);
            Assert.Equal(NdaText.Version, acceptance.NdaVersion);
            Assert.Equal(NdaText.Sha256, acceptance.NdaSha256);
            Assert.InRange(acceptance.AcceptedAtUtc, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(1));
            Assert.Null(acceptance.DeliveredAtUtc);
            Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "nda.accepted" && e.EntityId == acceptance.Id.ToString() && e.IpAddress == "203.0.113.7"));
        }

        using var client = await SignedInAsync(reader.Email);
        using var response = await client.GetAsync("/soc2/report");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains("private", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.EndsWith(".pdf", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName, StringComparison.Ordinal);
        var pdf = await response.Content.ReadAsByteArrayAsync();

        await using var after = portal.CreateDbContext();
        var report = await after.Soc2Reports.AsNoTracking().OrderByDescending(r => r.PublishedAtUtc).FirstAsync();
        Assert.Equal(PdfTools.PageCount(report.Content), PdfTools.PageCount(pdf));
        Assert.InRange(PdfTools.PageCount(pdf), 5, 9);
        using (var document = PdfDocument.Open(pdf))
        {
            foreach (var page in document.GetPages())
            {
                var text = string.Join(" ", page.GetWords().Select(w => w.Text));
                Assert.Contains("Morgan Example", text, StringComparison.Ordinal);
                Assert.Contains(reader.OrganizationName, text, StringComparison.Ordinal);
                Assert.Contains(reader.Email, text, StringComparison.Ordinal);
                Assert.Contains($"under NDA v{NdaText.Version}", text, StringComparison.Ordinal);
            }
        }
        // The stored original stays as published: only the delivered copy is marked.
        Assert.Equal(report.Sha256, Convert.ToHexStringLower(SHA256.HashData(report.Content)));
        Assert.DoesNotContain(reader.Email, PdfTools.Text(report.Content), StringComparison.Ordinal);

        var delivered = await after.NdaAcceptances.AsNoTracking().SingleAsync(a => a.Id == accepted.AcceptanceId);
        Assert.Equal(report.Id, delivered.ReportId);
        Assert.NotNull(delivered.DeliveredAtUtc);
        Assert.True(await after.AuditEvents.AnyAsync(e => e.Action == "soc2.report.delivered" && e.EntityId == report.Id.ToString() && e.ActorName == reader.Email));

        var attestation = await after.Attestations.AsNoTracking()
            .SingleAsync(a => a.OrganizationId == reader.OrganizationId && a.Framework == ComplianceFramework.Soc2Type2);
        Assert.Equal(AttestationStatus.Current, attestation.Status);
        Assert.Equal(nameof(NdaAcceptance), attestation.EvidenceType);
        Assert.Equal(accepted.AcceptanceId, attestation.EvidenceId);
        Assert.Equal(report.PeriodEnd.AddMonths(12).ToDateTime(TimeOnly.MinValue), attestation.ExpiresAtUtc);
    }

    [Fact]
    public async Task Accept_Again_KeepsTheOneAcceptance()
    {
        var reader = await NewReaderAsync("Riley Reader");

        var first = await AcceptAsync(reader.Email, "Riley Reader", consent: true);
        var second = await AcceptAsync(reader.Email, "Riley Reader", consent: true);

        Assert.True(second.Succeeded);
        Assert.Equal(first.AcceptanceId, second.AcceptanceId);
        await using var db = portal.CreateDbContext();
        Assert.Equal(1, await db.NdaAcceptances.CountAsync(a => a.UserId == reader.UserId));
    }

    [Fact]
    public async Task AnAcceptanceOfEarlierTerms_UnlocksNothing_UntilTheReaderAcceptsTheCurrentOnes()
    {
        var reader = await NewReaderAsync("Riley Reader");
        Guid earlierId;
        await using (var db = portal.CreateDbContext())
        {
            // Version 1 named the SOC 2 report only; the current terms cover every document shared under NDA.
            var earlier = new NdaAcceptance
            {
                OrganizationId = reader.OrganizationId, UserId = reader.UserId, UserName = "Riley Reader", Email = reader.Email,
                NdaVersion = NdaText.Version - 1, NdaSha256 = new string('a', 64), TypedName = "Riley Reader", AcceptedAtUtc = DateTime.UtcNow.AddDays(-30),
            };
            db.NdaAcceptances.Add(earlier);
            await db.SaveChangesAsync();
            earlierId = earlier.Id;
        }
        using var client = await SignedInAsync(reader.Email);

        using (var refused = await client.GetAsync("/soc2/report"))
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }
        var accepted = await AcceptAsync(reader.Email, "Riley Reader", consent: true);

        Assert.True(accepted.Succeeded);
        Assert.NotEqual(earlierId, accepted.AcceptanceId);
        using var download = await client.GetAsync("/soc2/report");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        using var document = PdfDocument.Open(await download.Content.ReadAsByteArrayAsync());
        Assert.Contains($"under NDA v{NdaText.Version}", string.Join(" ", document.GetPage(1).GetWords().Select(w => w.Text)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acceptance_ByAcmeCustomer_IsNeverSeenOrUsedByAnotherOrganizationOrColleague()
    {
        var accepted = await AcceptAsync(Acme, "Casey Customer", consent: true);
        Assert.True(accepted.Succeeded, string.Join(" ", accepted.Errors.Select(e => e.ErrorMessage)));
        var colleague = await NewReaderAsync("Robin Colleague", organizationName: "Acme Corporation");

        var globexStatus = await StatusAsync(Globex);
        var colleagueStatus = await StatusAsync(colleague.Email);
        using var globexClient = await SignedInAsync(Globex);
        using var globexDownload = await globexClient.GetAsync("/soc2/report");
        using var colleagueClient = await SignedInAsync(colleague.Email);
        using var colleagueDownload = await colleagueClient.GetAsync("/soc2/report");

        Assert.True((await StatusAsync(Acme))!.HasAccepted);
        Assert.False(globexStatus!.HasAccepted);
        Assert.Null(globexStatus.Acceptance);
        Assert.Equal("Globex Inc.", globexStatus.OrganizationName);
        Assert.False(colleagueStatus!.HasAccepted);
        Assert.Equal(HttpStatusCode.NotFound, globexDownload.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, colleagueDownload.StatusCode);
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(Globex));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => scope.ServiceProvider.GetRequiredService<Soc2Service>().ListAcceptancesAsync(0, 100));
    }

    [Fact]
    public async Task ListAcceptances_ForLegal_ShowsEveryAcceptanceNewestFirstWithItsOrganization()
    {
        var first = await NewReaderAsync("Avery First");
        var second = await NewReaderAsync("Blake Second");
        Assert.True((await AcceptAsync(first.Email, "Avery First", consent: true)).Succeeded);
        Assert.True((await AcceptAsync(second.Email, "Blake Second", consent: true)).Succeeded);

        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(Legal));
        var service = scope.ServiceProvider.GetRequiredService<Soc2Service>();
        var (all, total) = await service.ListAcceptancesAsync(0, 100);
        var (onePage, sameTotal) = await service.ListAcceptancesAsync(0, 1);
        var (found, foundTotal) = await service.ListAcceptancesAsync(0, 100, search: first.OrganizationName);

        Assert.Equal(total, sameTotal);
        Assert.True(total >= 2);
        Assert.Single(onePage);
        Assert.Equal(all.OrderByDescending(a => a.AcceptedAtUtc).Select(a => a.Id), all.Select(a => a.Id));
        var row = all.Single(a => a.Email == first.Email);
        Assert.Equal(first.OrganizationName, row.OrganizationName);
        Assert.Equal("Avery First", row.UserName);
        Assert.Equal("203.0.113.7", row.IpAddress);
        Assert.Equal(NdaText.Version, row.NdaVersion);
        Assert.True(all.FindIndex(a => a.Email == second.Email) < all.FindIndex(a => a.Email == first.Email));
        Assert.Equal(1, foundTotal);
        Assert.Equal(first.Email, Assert.Single(found).Email);
    }

    [Theory]
    [InlineData(Acme)]
    [InlineData("sales@trustportal.local")]
    [InlineData("admin@trustportal.local")]
    public async Task ListAcceptances_ForAnyoneButLegal_IsRefused(string email)
    {
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(email));

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => scope.ServiceProvider.GetRequiredService<Soc2Service>().ListAcceptancesAsync(0, 25));
    }

    [Fact]
    public async Task AcceptancesPage_ForLegal_Renders()
    {
        using var client = await SignedInAsync(Legal);

        var page = await client.GetDocumentAsync("/legal/nda");

        Assert.Equal("NDA acceptances", page.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task Soc2Page_BeforeAccepting_ShowsTheReportAndTheTermsButNoDownload()
    {
        var reader = await NewReaderAsync();
        using var client = await SignedInAsync(reader.Email);

        var page = await client.GetDocumentAsync("/soc2");

        var text = page.Body!.TextContent;
        Assert.Contains("SOC 2 Type 2 Report (sample)", text, StringComparison.Ordinal);
        Assert.Contains("Harbor & Finch LLP", text, StringComparison.Ordinal);
        Assert.Contains(NdaText.Title, text, StringComparison.Ordinal);
        Assert.All(NdaText.Clauses, c => Assert.Contains(c.Heading, text, StringComparison.Ordinal));
        Assert.Contains("Accept and continue", text, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("a[href='/soc2/report']"));
    }

    [Fact]
    public async Task Soc2Page_AfterAccepting_OffersTheDownloadLink()
    {
        var reader = await NewReaderAsync("Riley Reader");
        Assert.True((await AcceptAsync(reader.Email, "Riley Reader", consent: true)).Succeeded);
        using var client = await SignedInAsync(reader.Email);

        var page = await client.GetDocumentAsync("/soc2");

        Assert.NotNull(page.QuerySelector("a[href='/soc2/report'][download]"));
        Assert.DoesNotContain("Accept and continue", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_ForAnonymousVisitor_RedirectsToSignIn()
    {
        using var client = new PortalClient(portal.BaseAddress);

        using var response = await client.GetAsync("/soc2/report");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Legal)]
    [InlineData("sales@trustportal.local")]
    [InlineData("admin@trustportal.local")]
    public async Task Download_ForStaff_IsNotFound(string email)
    {
        using var client = await SignedInAsync(email);

        using var response = await client.GetAsync("/soc2/report");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Accept_BySalesUser_IsRefusedAndStoresNothing()
    {
        var before = await CountsAsync();

        var result = await AcceptAsync("sales@trustportal.local", "Sam Sales", consent: true);

        Assert.False(result.Succeeded);
        Assert.Equal(before, await CountsAsync());
    }

    private sealed record Reader(string UserId, string Email, Guid OrganizationId, string OrganizationName);

    /// <summary>A new customer, by default in a new organization of their own.</summary>
    private async Task<Reader> NewReaderAsync(string displayName = "Riley Reader", string? organizationName = null)
    {
        _ = portal.BaseAddress;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var organization = organizationName is null ? null : await db.Organizations.SingleAsync(o => o.Name == organizationName);
        if (organization is null)
        {
            organization = new Organization { Name = $"Initrode {suffix} Ltd", CreatedAtUtc = DateTime.UtcNow };
            db.Organizations.Add(organization);
            await db.SaveChangesAsync();
        }
        var email = $"reader-{suffix}@example.com";
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, OrganizationId = organization.Id };
        var created = await users.CreateAsync(user, PortalFactory.DemoPassword);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, Roles.Customer)).Succeeded);
        return new Reader(user.Id, email, organization.Id, organization.Name);
    }

    private async Task<NdaResult> AcceptAsync(string email, string typedName, bool consent)
    {
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(email));
        return await scope.ServiceProvider.GetRequiredService<Soc2Service>().AcceptAsync(typedName, consent);
    }

    private async Task<Soc2Status?> StatusAsync(string email)
    {
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(email));
        return await scope.ServiceProvider.GetRequiredService<Soc2Service>().GetStatusAsync();
    }

    private async Task<PortalClient> SignedInAsync(string email)
    {
        var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync(email, PortalFactory.DemoPassword);
        return client;
    }

    private async Task<(int Acceptances, int Delivered, int Audit, int Attestations)> CountsAsync()
    {
        await using var db = portal.CreateDbContext();
        return (await db.NdaAcceptances.CountAsync(), await db.NdaAcceptances.CountAsync(a => a.DeliveredAtUtc != null),
            await db.AuditEvents.CountAsync(), await db.Attestations.CountAsync());
    }
}
