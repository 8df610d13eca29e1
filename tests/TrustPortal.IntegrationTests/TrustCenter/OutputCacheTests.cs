using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Features.TrustCenter;

namespace TrustPortal.IntegrationTests.TrustCenter;

public sealed class OutputCacheTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Subprocessors_AreCachedUntilContentChangesAndTheCacheIsEvicted()
    {
        using var client = new PortalClient(portal.BaseAddress);
        var before = await client.GetDocumentAsync("/subprocessors");
        Assert.DoesNotContain("Nimbus Vector DB", before.Body!.TextContent, StringComparison.Ordinal);

        await using (var db = portal.CreateDbContext())
        {
            db.Subprocessors.Add(new Subprocessor { Name = "Nimbus Vector DB", Purpose = "Embeddings storage", Location = "EU", DataCategories = "Embeddings", AddedOn = new DateOnly(2026, 11, 1) });
            await db.SaveChangesAsync();
        }

        // Served from the output cache: the change is not visible until the cache is evicted.
        var cached = await client.GetDocumentAsync("/subprocessors");
        Assert.DoesNotContain("Nimbus Vector DB", cached.Body!.TextContent, StringComparison.Ordinal);

        await portal.Services.GetRequiredService<TrustCenterService>().EvictCacheAsync();

        var after = await client.GetDocumentAsync("/subprocessors");
        Assert.Contains("Nimbus Vector DB", after.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DarkTheme_IsNotServedFromTheLightThemesCacheEntry()
    {
        using var light = new PortalClient(portal.BaseAddress);
        using var dark = new PortalClient(portal.BaseAddress);
        await light.GetDocumentAsync("/compliance");
        using (await dark.GetAsync("/theme/dark?returnUrl=/compliance")) { }

        var darkPage = await dark.GetDocumentAsync("/compliance");

        Assert.Equal("dark", darkPage.QuerySelector("meta[name=color-scheme]")!.GetAttribute("content"));
    }
}
