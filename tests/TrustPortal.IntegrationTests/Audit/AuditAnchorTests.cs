using System.Security.Cryptography.Pkcs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.IntegrationTests.Sealing;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Audit;

namespace TrustPortal.IntegrationTests.Audit;

/// <summary>The audit chain's head time-stamped on demand by a real RFC 3161 authority, stored, shown and checked.</summary>
public sealed class AuditAnchorTests(TimestampedPortal portal) : IClassFixture<TimestampedPortal>
{
    [Fact]
    public async Task Anchor_OnDemand_StoresAVerifiedTokenOverTheHeadAndAnAuditEvent()
    {
        long headSequence;
        await using (var db = portal.CreateDbContext())
        {
            headSequence = (await db.AuditHeads.AsNoTracking().SingleAsync()).Sequence;
        }

        var outcome = await AnchorAsync();

        Assert.True(outcome.Anchored, outcome.Message);
        await using var check = portal.CreateDbContext();
        var anchor = await check.AuditAnchors.AsNoTracking().SingleAsync(a => a.Sequence == headSequence);
        var headEvent = await check.AuditEvents.AsNoTracking().SingleAsync(e => e.Sequence == headSequence);
        Assert.Equal(headEvent.Hash, anchor.Hash);
        Assert.True(Rfc3161TimestampToken.TryDecode(anchor.Token, out var token, out _));
        Assert.True(token!.VerifySignatureForData(AuditAnchor.Message(headSequence, headEvent.Hash), out var authority));
        Assert.Equal(portal.Authority.Certificate.Thumbprint, authority!.Thumbprint);
        Assert.Equal(TestTimestampAuthority.Subject, anchor.Authority);
        var entityId = headSequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var recorded = await check.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == "audit.anchored" && e.EntityId == entityId);
        Assert.True(recorded.Sequence > headSequence);

        var report = await portal.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync();
        Assert.True(report.IsIntact, report.Problem);
        Assert.NotNull(report.LatestAnchor);
    }

    [Fact]
    public async Task Anchor_WhenEveryAuthorityFails_StoresNothingAndSaysSo()
    {
        int before;
        await using (var db = portal.CreateDbContext())
        {
            before = await db.AuditAnchors.CountAsync() + await db.AuditEvents.CountAsync();
        }
        portal.Authority.Fail("primary");
        portal.Authority.Fail("secondary");
        AuditAnchorOutcome outcome;
        try
        {
            outcome = await AnchorAsync();
        }
        finally
        {
            portal.Authority.Restore("primary");
            portal.Authority.Restore("secondary");
        }

        Assert.False(outcome.Anchored);
        Assert.Contains("No time-stamp authority answered", outcome.Message, StringComparison.Ordinal);
        await using var check = portal.CreateDbContext();
        Assert.Equal(before, await check.AuditAnchors.CountAsync() + await check.AuditEvents.CountAsync());
    }

    [Fact]
    public async Task AuditPage_ShowsTheLatestAnchorToLegal()
    {
        var outcome = await AnchorAsync();
        Assert.True(outcome.Anchored, outcome.Message);
        using var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync("legal@trustportal.local", PortalFactory.DemoPassword);

        var page = await client.GetDocumentAsync("/legal/audit");

        var latest = page.QuerySelector("[data-anchor=anchored]");
        Assert.NotNull(latest);
        Assert.Contains("Latest anchor", latest!.TextContent, StringComparison.Ordinal);
        Assert.Contains(TestTimestampAuthority.Subject, latest.TextContent, StringComparison.Ordinal);
    }

    private async Task<AuditAnchorOutcome> AnchorAsync()
    {
        _ = portal.BaseAddress;
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditAnchoring>().AnchorAsync(AuditActor.System);
    }
}

/// <summary>An event edited in the database before an anchor: verification names the edit and the anchor that proves it.</summary>
public sealed class AuditAnchorTamperTests(TimestampedPortal portal) : IClassFixture<TimestampedPortal>
{
    [Fact]
    public async Task Verify_EventEditedBeforeTheAnchor_NamesTheEditAndTheAnchorThatProvesIt()
    {
        _ = portal.BaseAddress;
        AuditAnchorOutcome outcome;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            outcome = await scope.ServiceProvider.GetRequiredService<AuditAnchoring>().AnchorAsync(AuditActor.System);
        }
        Assert.True(outcome.Anchored, outcome.Message);
        AuditAnchor anchor;
        await using (var db = portal.CreateDbContext())
        {
            anchor = await db.AuditAnchors.AsNoTracking().SingleAsync();
            Assert.True(anchor.Sequence > 3);
            await db.Database.ExecuteSqlAsync($"""UPDATE "AuditEvents" SET "Data" = {"{\"edited\":true}"} WHERE "Sequence" = {3L}""");
        }

        var report = await portal.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync();

        Assert.Equal(AuditChainStatus.Rewritten, report.Status);
        Assert.Equal(3, report.FirstBrokenSequence);
        var proof = Assert.IsType<AuditAnchorProof>(report.ProvingAnchor);
        Assert.Equal(anchor.Sequence, proof.Sequence);
        Assert.Equal(anchor.Hash, proof.AnchoredHash);
        Assert.NotEqual(anchor.Hash, proof.CurrentHash);
        Assert.Equal(TestTimestampAuthority.Subject, proof.Authority);
        Assert.Contains($"event #{anchor.Sequence}", proof.Sentence, StringComparison.Ordinal);
        Assert.Contains(TestTimestampAuthority.Subject, proof.Sentence, StringComparison.Ordinal);
    }
}
