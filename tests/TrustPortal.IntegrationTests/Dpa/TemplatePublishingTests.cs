using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Dpa;
using TrustPortal.Web.Shared;

namespace TrustPortal.IntegrationTests.Dpa;

/// <summary>Legal publishes template versions; published text never changes and new DPAs use the newest.</summary>
public sealed class TemplatePublishingTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Publish_ByLegal_AddsTheNextVersion_KeepsTheOld_AndNewDpasUseIt()
    {
        var original = await CurrentDpaTemplateAsync();
        var body = original.Body.Replace("# Definitions and Interpretation", "# Definitions and Interpretation\nA clause added in version two.\n\n# Definitions Continued", StringComparison.Ordinal);

        await using (var scope = portal.ScopeAs(await portal.PrincipalForAsync("legal@trustportal.local")))
        {
            var (published, errors) = await scope.ServiceProvider.GetRequiredService<AgreementTemplates>()
                .PublishAsync(AgreementKind.Dpa, original.Title, body, new DateOnly(2027, 1, 1), "Adds a clause.");
            Assert.True(errors.Count == 0, string.Join(" | ", errors));
            Assert.Equal(original.Version + 1, published!.Version);
        }

        await using var db = portal.CreateDbContext();
        var old = await db.AgreementTemplates.SingleAsync(t => t.Id == original.Id);
        Assert.Equal(original.Body, old.Body);
        Assert.Equal(original.Sha256, old.Sha256);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "template.published" && e.ActorName == "legal@trustportal.local"));

        await using var customer = portal.ScopeAs(await portal.PrincipalForAsync(DpaTestData.GlobexEmail));
        var result = await customer.ServiceProvider.GetRequiredService<DpaService>().ExecuteAsync(DpaTestData.GlobexDraft(), DpaTestData.Signature());
        var agreement = await db.Agreements.SingleAsync(a => a.Id == result.AgreementId);
        Assert.Equal(original.Version + 1, agreement.TemplateVersion);
        var pdf = await db.AgreementDocuments.Where(d => d.AgreementId == agreement.Id).Select(d => d.Content).SingleAsync();
        Assert.Contains("A clause added in version two.", PdfTools.Text(pdf), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sales@trustportal.local")]
    [InlineData("admin@trustportal.local")]
    [InlineData(DpaTestData.AcmeEmail)]
    public async Task Publish_ByAnyoneButLegal_IsRefusedAndStoresNothing(string email)
    {
        var before = await CountAsync();
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(email));

        var (published, errors) = await scope.ServiceProvider.GetRequiredService<AgreementTemplates>()
            .PublishAsync(AgreementKind.Dpa, "Hijacked", "# Terms\nWe own everything.\n\n## Annex I: X\n{{annex:processing}}\n\n## Annex II: Y\n{{annex:subprocessors}}", new DateOnly(2027, 1, 1), "x");

        Assert.Null(published);
        Assert.NotEmpty(errors);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Publish_InvalidOrUnchangedText_IsRefusedWithMessages()
    {
        var current = await CurrentDpaTemplateAsync();
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync("legal@trustportal.local"));
        var templates = scope.ServiceProvider.GetRequiredService<AgreementTemplates>();

        var (_, unchanged) = await templates.PublishAsync(AgreementKind.Dpa, current.Title, current.Body, new DateOnly(2027, 1, 1), "Nothing.");
        var (_, broken) = await templates.PublishAsync(AgreementKind.Dpa, current.Title, "# 1. Numbered\nText {{evil}}", new DateOnly(2027, 1, 1), "Broken.");

        Assert.True(unchanged.Any(e => e.Contains("same as the current version", StringComparison.Ordinal)), string.Join(" | ", unchanged));
        Assert.Contains(broken, e => e.Contains("unknown placeholder", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TemplatesPage_ForLegal_ListsThePublishedVersions()
    {
        using var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync("legal@trustportal.local", PortalFactory.DemoPassword);

        var page = await client.GetDocumentAsync("/admin/templates");

        Assert.Contains("Published versions", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("First version.", page.Body.TextContent, StringComparison.Ordinal);
    }

    private async Task<AgreementTemplate> CurrentDpaTemplateAsync()
    {
        _ = portal.BaseAddress;
        await using var db = portal.CreateDbContext();
        return await db.AgreementTemplates.Where(t => t.Kind == AgreementKind.Dpa).OrderByDescending(t => t.Version).FirstAsync();
    }

    private async Task<int> CountAsync()
    {
        await using var db = portal.CreateDbContext();
        return await db.AgreementTemplates.CountAsync() + await db.AuditEvents.CountAsync();
    }
}
