using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Attestations;
using TrustPortal.Web.Features.Dpa;
using TrustPortal.Web.Features.TrustCenter;
using TrustPortal.Web.Shared;

namespace TrustPortal.IntegrationTests.Dpa;

/// <summary>The DPA service inside the real portal: real SQLite file, real seal, real outbox and audit trail.</summary>
public sealed class DpaExecutionTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Execute_ValidDraft_StoresAgreementPdfAttestationsAuditAndEmailTogether()
    {
        var result = await ExecuteAsGlobexAsync(DpaTestData.GlobexDraft(), DpaTestData.Signature());

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.ErrorMessage)));
        Assert.Matches(@"^DPA-\d{4}-\d{6}$", result.Number);
        await using var db = portal.CreateDbContext();
        var agreement = await db.Agreements.SingleAsync(a => a.Id == result.AgreementId);
        var document = await db.AgreementDocuments.SingleAsync(d => d.AgreementId == agreement.Id);
        Assert.Equal(AgreementStatus.Executed, agreement.Status);
        Assert.Equal("Globex Incorporated", agreement.Customer.LegalName);
        Assert.Equal("203.0.113.7", agreement.SignerIpAddress);
        Assert.Equal("PortalTests/1.0", agreement.SignerUserAgent);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(document.Content)), document.Sha256);
        Assert.True(PdfTools.IsValidlySealed(document.Content), PdfTools.Pdfsig(document.Content));

        var text = PdfTools.Text(document.Content);
        Assert.Contains("Globex Incorporated", text, StringComparison.Ordinal);
        Assert.Contains(result.Number!, text, StringComparison.Ordinal);
        Assert.Contains("Summarising sales calls for account managers.", text, StringComparison.Ordinal);
        Assert.Contains("203.0.113.7", text, StringComparison.Ordinal);
        Assert.Contains(agreement.TemplateSha256, text, StringComparison.Ordinal);

        var attestations = await db.Attestations
            .Where(a => a.OrganizationId == agreement.OrganizationId && (a.Framework == ComplianceFramework.Gdpr || a.Framework == ComplianceFramework.Ccpa))
            .ToListAsync();
        Assert.Equal(AttestationStatus.Current, attestations.Single(a => a.Framework == ComplianceFramework.Gdpr).Status);
        Assert.Equal(AttestationStatus.Current, attestations.Single(a => a.Framework == ComplianceFramework.Ccpa).Status);
        Assert.All(attestations, a => Assert.Equal(agreement.Id, a.EvidenceId));

        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "agreement.executed" && e.EntityId == agreement.Id.ToString()));
        var email = await db.OutboxMessages.SingleAsync(m => m.To == "gale@globex.example" && m.Subject.Contains(result.Number!));
        Assert.Contains($"/agreements/{agreement.Id}", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_AgainForTheSameOrganization_SupersedesTheEarlierDpa()
    {
        var first = await ExecuteAsGlobexAsync(DpaTestData.GlobexDraft(), DpaTestData.Signature());
        var second = await ExecuteAsGlobexAsync(DpaTestData.GlobexDraft(), DpaTestData.Signature());

        await using var db = portal.CreateDbContext();
        var earlier = await db.Agreements.SingleAsync(a => a.Id == first.AgreementId);
        Assert.Equal(AgreementStatus.Superseded, earlier.Status);
        Assert.Equal($"Replaced by {second.Number}.", earlier.StatusReason);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "agreement.superseded" && e.EntityId == earlier.Id.ToString()));
        Assert.Equal(AgreementStatus.Executed, (await db.Agreements.SingleAsync(a => a.Id == second.AgreementId)).Status);
    }

    [Fact]
    public async Task Execute_HtmlTypedIntoAField_AppearsLiterallyInThePdf()
    {
        var draft = DpaTestData.GlobexDraft();
        draft.Purposes = "Testing <b>bold</b> & <script>alert('x')</script> as plain text.";
        draft.Address = "<i>42</i> Main Street";

        var result = await ExecuteAsGlobexAsync(draft, DpaTestData.Signature());

        Assert.True(result.Succeeded);
        await using var db = portal.CreateDbContext();
        var pdf = (await db.AgreementDocuments.SingleAsync(d => d.AgreementId == result.AgreementId)).Content;
        var text = PdfTools.Text(pdf);
        Assert.Contains("<script>alert('x')</script>", text, StringComparison.Ordinal);
        Assert.Contains("<i>42</i>", text, StringComparison.Ordinal);
    }

    public static TheoryData<string, Action<DpaDraft, DpaSignature>> BadInputs => new()
    {
        { "LegalName", (d, _) => d.LegalName = "" },
        { "LegalName", (d, _) => d.LegalName = new string('A', 10_000) },
        { "LegalName", (d, _) => d.LegalName = "<script>alert(1)</script>" },
        { "LegalName", (d, _) => d.LegalName = "Globex\u0000Inc" },
        { "Address", (d, _) => d.Address = "   " },
        { "Country", (d, _) => d.Country = "Atlantis" },
        { "SignatoryName", (d, _) => d.SignatoryName = new string('B', 10_000) },
        { "SignatoryName", (d, _) => d.SignatoryName = "<img src=x onerror=alert(1)>" },
        { "SignatoryTitle", (d, _) => d.SignatoryTitle = "" },
        { "SignatoryEmail", (d, _) => d.SignatoryEmail = "not-an-email" },
        { "SignatoryEmail", (d, _) => d.SignatoryEmail = "" },
        { "DataSubjects", (d, _) => d.DataSubjects = [] },
        { "DataSubjects", (d, _) => d.DataSubjects = ["Everyone on earth"] },
        { "DataCategories", (d, _) => d.DataCategories = [] },
        { "Purposes", (d, _) => d.Purposes = "short" },
        { "Purposes", (d, _) => d.Purposes = new string('p', 10_000) },
        { "Transfer", (d, _) => d.Transfer = (TransferMechanism)42 },
        { "TypedName", (_, s) => s.TypedName = "Somebody Else" },
        { "TypedName", (_, s) => s.TypedName = "" },
        { "Consent", (_, s) => s.Consent = false },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Execute_BadInput_IsRefusedWithAMessageAtTheFieldAndStoresNothing(string field, Action<DpaDraft, DpaSignature> spoil)
    {
        var draft = DpaTestData.GlobexDraft();
        var signature = DpaTestData.Signature();
        spoil(draft, signature);
        var before = await CountsAsync();

        var result = await ExecuteAsGlobexAsync(draft, signature);

        Assert.False(result.Succeeded);
        Assert.Null(result.AgreementId);
        var message = Assert.Single(result.Errors, e => e.MemberNames.Contains(field));
        Assert.False(string.IsNullOrWhiteSpace(message.ErrorMessage));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Execute_BySalesUser_IsRefused()
    {
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync("sales@trustportal.local"));
        var before = await CountsAsync();

        var result = await scope.ServiceProvider.GetRequiredService<DpaService>().ExecuteAsync(DpaTestData.GlobexDraft(), DpaTestData.Signature());

        Assert.False(result.Succeeded);
        Assert.Equal(before, await CountsAsync());
    }

    private async Task<ExecutionResult> ExecuteAsGlobexAsync(DpaDraft draft, DpaSignature signature)
    {
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(DpaTestData.GlobexEmail));
        return await scope.ServiceProvider.GetRequiredService<DpaService>().ExecuteAsync(draft, signature);
    }

    private async Task<(int Agreements, int Documents, int Outbox, int Audit)> CountsAsync()
    {
        await using var db = portal.CreateDbContext();
        return (await db.Agreements.CountAsync(), await db.AgreementDocuments.CountAsync(), await db.OutboxMessages.CountAsync(), await db.AuditEvents.CountAsync());
    }
}
