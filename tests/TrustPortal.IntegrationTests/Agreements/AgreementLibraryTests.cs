using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.IntegrationTests.Dpa;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Agreements.Library;
using TrustPortal.Web.Shared;

namespace TrustPortal.IntegrationTests.Agreements;

/// <summary>Legal's agreement library in the real portal: list, verify and void, and who may do any of it.</summary>
public sealed class AgreementLibraryTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Query_AsLegal_FiltersSortsAndCountsInTheDatabase()
    {
        var (_, agreements) = await LibraryTestData.ArrangeCopiesAsync(portal, "Query Filter Holdings", 7);

        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(LibraryTestData.LegalEmail));
        var library = scope.ServiceProvider.GetRequiredService<AgreementLibrary>();
        var firstPage = await library.QueryAsync(new AgreementFilter { Organization = "query filter" }, new AgreementSort(AgreementSortColumn.Number, false), 0, 5);
        var secondPage = await library.QueryAsync(new AgreementFilter { Organization = "QUERY FILTER" }, new AgreementSort(AgreementSortColumn.Number, false), 1, 5);
        var byNumber = await library.QueryAsync(new AgreementFilter { Search = agreements[2].Number.ToLowerInvariant() }, AgreementSort.Default, 0, 25);
        var voidedOnly = await library.QueryAsync(new AgreementFilter { Organization = "Query Filter", Statuses = [AgreementStatus.Voided] }, AgreementSort.Default, 0, 25);

        Assert.Equal(7, firstPage.Total);
        Assert.Equal(agreements.Take(5).Select(a => a.Number), firstPage.Rows.Select(r => r.Number));
        Assert.Equal(agreements.Skip(5).Select(a => a.Number), secondPage.Rows.Select(r => r.Number));
        Assert.All(firstPage.Rows, r => Assert.Equal("Query Filter Holdings", r.OrganizationName));
        Assert.Equal(agreements[2].Id, Assert.Single(byNumber.Rows).Id);
        Assert.Equal(0, voidedOnly.Total);
    }

    [Theory]
    [InlineData(LibraryTestData.SalesEmail)]
    [InlineData(DpaTestData.AcmeEmail)]
    [InlineData("admin@trustportal.local")]
    public async Task QueryVerifyAndExport_ForAnyoneButLegal_AreRefused(string email)
    {
        var acme = await AcmeAgreementIdAsync();
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(email));
        var library = scope.ServiceProvider.GetRequiredService<AgreementLibrary>();
        var export = scope.ServiceProvider.GetRequiredService<AgreementExport>();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => library.QueryAsync(AgreementFilter.None, AgreementSort.Default, 0, 25));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => library.VerifyStoredAsync(acme));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => export.PlanAsync(AgreementFilter.None));
    }

    [Fact]
    public async Task VerifyStored_ExecutedDpa_IsAuthentic()
    {
        var executed = await LibraryTestData.ExecuteGlobexDpaAsync(portal);

        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(LibraryTestData.LegalEmail));
        var result = await scope.ServiceProvider.GetRequiredService<AgreementLibrary>().VerifyStoredAsync(executed.AgreementId!.Value);

        Assert.NotNull(result);
        Assert.True(result.Authentic, result.Reason);
        Assert.Equal(executed.Number, result.AgreementNumber);
    }

    [Fact]
    public async Task VerifyStored_PdfChangedInTheDatabase_IsNotAuthenticAndSaysWhy()
    {
        var (_, agreements) = await LibraryTestData.ArrangeCopiesAsync(portal, "Tampered Storage Inc.", 1);
        await using (var db = portal.CreateDbContext())
        {
            var document = await db.AgreementDocuments.SingleAsync(d => d.AgreementId == agreements[0].Id);
            var changed = document.Content.ToArray();
            changed[changed.Length / 2] ^= 0x20;
            document.Content = changed;
            await db.SaveChangesAsync();
        }

        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(LibraryTestData.LegalEmail));
        var result = await scope.ServiceProvider.GetRequiredService<AgreementLibrary>().VerifyStoredAsync(agreements[0].Id);

        Assert.NotNull(result);
        Assert.False(result.Authentic);
        Assert.Contains("SHA-256", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyStored_UnknownId_IsNull()
    {
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(LibraryTestData.LegalEmail));

        Assert.Null(await scope.ServiceProvider.GetRequiredService<AgreementLibrary>().VerifyStoredAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task Void_WithReason_ChangesStatusKeepsThePdfAndRecordsTheAuditEvent()
    {
        var executed = await LibraryTestData.ExecuteGlobexDpaAsync(portal);
        var id = executed.AgreementId!.Value;

        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(LibraryTestData.LegalEmail));
        var result = await scope.ServiceProvider.GetRequiredService<AgreementLibrary>().VoidAsync(id, "  Signed by someone without authority.  ");

        Assert.True(result.Succeeded, result.Error);
        await using var db = portal.CreateDbContext();
        var agreement = await db.Agreements.SingleAsync(a => a.Id == id);
        Assert.Equal(AgreementStatus.Voided, agreement.Status);
        Assert.Equal("Signed by someone without authority.", agreement.StatusReason);
        Assert.NotNull(agreement.StatusChangedAtUtc);
        var document = await db.AgreementDocuments.SingleAsync(d => d.AgreementId == id);
        Assert.True(PdfTools.IsValidlySealed(document.Content));
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "agreement.voided" && e.EntityId == id.ToString());
        Assert.Equal(LibraryTestData.LegalEmail, audit.ActorName);
        using var data = JsonDocument.Parse(audit.Data);
        Assert.Equal("Signed by someone without authority.", data.RootElement.GetProperty("reason").GetString());
        Assert.Equal("Executed", data.RootElement.GetProperty("from").GetString());

        // The void is what a verifier now sees; the GDPR/CCPA attestations it backed are reported and fall back.
        var verified = await scope.ServiceProvider.GetRequiredService<DocumentVerifier>().VerifyAsync(document.Content);
        Assert.True(verified.Authentic);
        Assert.Equal("Voided", verified.Status);
        Assert.Equal(["CCPA", "GDPR"], result.CitingAttestations);
        Assert.False(await db.Attestations.AnyAsync(a => a.EvidenceId == id));
        var gdpr = await db.Attestations.SingleAsync(a => a.OrganizationId == agreement.OrganizationId && a.Framework == ComplianceFramework.Gdpr);
        Assert.Equal(TrustPortal.Web.Features.Attestations.AttestationStatus.NotStarted, gdpr.Status);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "attestation.updated" && e.Data.Contains("voided")));
    }

    [Fact]
    public async Task Void_PdfStillDownloadsForLegal()
    {
        var (_, agreements) = await LibraryTestData.ArrangeCopiesAsync(portal, "Download After Void Ltd", 1);
        await using (var scope = portal.ScopeAs(await portal.PrincipalForAsync(LibraryTestData.LegalEmail)))
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<AgreementLibrary>().VoidAsync(agreements[0].Id, "Duplicate.")).Succeeded);
        }
        using var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync(LibraryTestData.LegalEmail, PortalFactory.DemoPassword);

        using var response = await client.GetAsync($"/agreements/{agreements[0].Id}/pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(PdfTools.IsValidlySealed(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Void_Superseded_IsAllowed()
    {
        var (_, agreements) = await LibraryTestData.ArrangeCopiesAsync(portal, "Superseded Void Co", 1, AgreementStatus.Superseded);

        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(LibraryTestData.LegalEmail));
        var result = await scope.ServiceProvider.GetRequiredService<AgreementLibrary>().VoidAsync(agreements[0].Id, "Entity dissolved.");

        Assert.True(result.Succeeded, result.Error);
        Assert.Empty(result.CitingAttestations);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("Two\nlines")]
    [InlineData("Bell\u0007")]
    public async Task Void_EmptyOrControlCharacterReason_IsRefusedAndChangesNothing(string? reason)
    {
        var (_, agreements) = await LibraryTestData.ArrangeCopiesAsync(portal, $"Bad Reason {Guid.NewGuid():N}", 1);

        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(LibraryTestData.LegalEmail));
        var result = await scope.ServiceProvider.GetRequiredService<AgreementLibrary>().VoidAsync(agreements[0].Id, reason);

        Assert.False(result.Succeeded);
        Assert.False(string.IsNullOrEmpty(result.Error));
        await AssertUnchangedAsync(agreements[0].Id);
    }

    [Fact]
    public async Task Void_ReasonOver1000Characters_IsRefused()
    {
        var (_, agreements) = await LibraryTestData.ArrangeCopiesAsync(portal, "Long Reason Ltd", 1);

        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(LibraryTestData.LegalEmail));
        var library = scope.ServiceProvider.GetRequiredService<AgreementLibrary>();
        var refused = await library.VoidAsync(agreements[0].Id, new string('x', 1001));

        Assert.False(refused.Succeeded);
        Assert.Contains("1000", refused.Error, StringComparison.Ordinal);
        await AssertUnchangedAsync(agreements[0].Id);
        Assert.True((await library.VoidAsync(agreements[0].Id, new string('x', 1000))).Succeeded);
    }

    [Fact]
    public async Task Void_Twice_SecondIsRefusedAndKeepsTheFirstReason()
    {
        var (_, agreements) = await LibraryTestData.ArrangeCopiesAsync(portal, "Twice Voided Corp", 1);
        var id = agreements[0].Id;

        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(LibraryTestData.LegalEmail));
        var library = scope.ServiceProvider.GetRequiredService<AgreementLibrary>();
        var first = await library.VoidAsync(id, "First reason.");
        var second = await library.VoidAsync(id, "Second reason.");

        Assert.True(first.Succeeded);
        Assert.False(second.Succeeded);
        Assert.Contains("already void", second.Error, StringComparison.Ordinal);
        await using var db = portal.CreateDbContext();
        Assert.Equal("First reason.", (await db.Agreements.SingleAsync(a => a.Id == id)).StatusReason);
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "agreement.voided" && e.EntityId == id.ToString()));
    }

    [Fact]
    public async Task Void_ConcurrentlyTwice_OnlyOneSucceeds()
    {
        var (_, agreements) = await LibraryTestData.ArrangeCopiesAsync(portal, "Race Void Ltd", 1);
        var id = agreements[0].Id;
        var legal = await portal.PrincipalForAsync(LibraryTestData.LegalEmail);

        async Task<AgreementVoidResult> VoidAsync(string reason)
        {
            await using var scope = portal.ScopeAs(legal);
            return await scope.ServiceProvider.GetRequiredService<AgreementLibrary>().VoidAsync(id, reason);
        }
        var results = await Task.WhenAll(Task.Run(() => VoidAsync("One.")), Task.Run(() => VoidAsync("Two.")));

        Assert.Single(results, r => r.Succeeded);
        await using var db = portal.CreateDbContext();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "agreement.voided" && e.EntityId == id.ToString()));
    }

    [Theory]
    [InlineData(LibraryTestData.SalesEmail)]
    [InlineData(DpaTestData.AcmeEmail)]
    public async Task Void_ByAnyoneButLegal_IsRefusedAndChangesNothing(string email)
    {
        var (_, agreements) = await LibraryTestData.ArrangeCopiesAsync(portal, $"Not Legal {Guid.NewGuid():N}", 1);

        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(email));
        var result = await scope.ServiceProvider.GetRequiredService<AgreementLibrary>().VoidAsync(agreements[0].Id, "I should not be able to.");

        Assert.False(result.Succeeded);
        await AssertUnchangedAsync(agreements[0].Id);
    }

    [Fact]
    public async Task Void_UnknownId_IsRefused()
    {
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(LibraryTestData.LegalEmail));

        var result = await scope.ServiceProvider.GetRequiredService<AgreementLibrary>().VoidAsync(Guid.NewGuid(), "No such thing.");

        Assert.False(result.Succeeded);
    }

    private async Task AssertUnchangedAsync(Guid id)
    {
        await using var db = portal.CreateDbContext();
        var agreement = await db.Agreements.SingleAsync(a => a.Id == id);
        Assert.NotEqual(AgreementStatus.Voided, agreement.Status);
        Assert.Null(agreement.StatusReason);
        Assert.False(await db.AuditEvents.AnyAsync(e => e.Action == "agreement.voided" && e.EntityId == id.ToString()));
    }

    private async Task<Guid> AcmeAgreementIdAsync()
    {
        _ = portal.BaseAddress;
        await using var db = portal.CreateDbContext();
        return await db.Agreements.Where(a => a.Organization!.Name == "Acme Corporation").OrderBy(a => a.Sequence).Select(a => a.Id).FirstAsync();
    }
}
