using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Attestations;
using TrustPortal.Web.Features.Organizations;
using TrustPortal.Web.Features.TrustCenter;
using TrustPortal.Web.Shared;

namespace TrustPortal.IntegrationTests.Attestations;

public sealed class AttestationClockPortal : PortalFactory
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected override TimeProvider? Clock => Time;
}

/// <summary>Attestations whose evidence lapses become Expired, once, and the matrix's filter sees it.</summary>
public sealed class AttestationExpiryTests(AttestationClockPortal portal) : IClassFixture<AttestationClockPortal>
{
    [Fact]
    public async Task Expiry_WhenTheGracePeriodPasses_TheJobMovesExpiringToExpired_AndTheFilterFindsIt()
    {
        var now = portal.Time.GetUtcNow().UtcDateTime;
        var (organization, expiring) = await ArrangeAsync(AttestationStatus.Expiring, now.AddDays(1));
        var (_, current) = await ArrangeAsync(AttestationStatus.Current, now.AddDays(10));

        await portal.Services.GetRequiredService<AttestationExpiry>().ExpireDueAsync();
        Assert.Equal(AttestationStatus.Expiring, await StatusAsync(expiring));

        // The background job wakes on the portal's clock: nobody calls it here.
        portal.Time.Advance(TimeSpan.FromDays(2));
        await WaitForAsync(async () => await StatusAsync(expiring) == AttestationStatus.Expired);

        Assert.Equal(AttestationStatus.Current, await StatusAsync(current));
        Assert.Equal(1, await AuditCountAsync(expiring));
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync("legal@trustportal.local"));
        var page = await scope.ServiceProvider.GetRequiredService<AttestationService>()
            .QueryAsync(new AttestationQuery(ComplianceFramework.Soc2Type2, AttestationStatus.Expired, PageSize: 100));
        Assert.Contains(page.Rows, r => r.OrganizationId == organization && r.For(ComplianceFramework.Soc2Type2).Status == AttestationStatus.Expired);
    }

    [Fact]
    public async Task ExpireDue_RunByTwoInstancesAtOnce_MovesAndRecordsEachAttestationOnce()
    {
        var now = portal.Time.GetUtcNow().UtcDateTime;
        var due = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            due.Add((await ArrangeAsync(AttestationStatus.Current, now.AddMinutes(-1))).Attestation);
        }
        var job = portal.Services.GetRequiredService<AttestationExpiry>();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => job.ExpireDueAsync())));

        foreach (var id in due)
        {
            Assert.Equal(AttestationStatus.Expired, await StatusAsync(id));
            Assert.Equal(1, await AuditCountAsync(id));
        }
    }

    private async Task<(Guid Organization, Guid Attestation)> ArrangeAsync(AttestationStatus status, DateTime expiresAtUtc)
    {
        await using var db = portal.CreateDbContext();
        var organization = new Organization { Name = $"Expiry {Guid.NewGuid():N}"[..20], CreatedAtUtc = DateTime.UtcNow };
        var attestation = new Attestation
        {
            OrganizationId = organization.Id,
            Framework = ComplianceFramework.Soc2Type2,
            Status = status,
            EvidenceType = "NdaAcceptance",
            EvidenceLabel = "SOC 2 report delivered under NDA",
            EffectiveAtUtc = expiresAtUtc.AddYears(-1),
            ExpiresAtUtc = expiresAtUtc,
            UpdatedAtUtc = expiresAtUtc.AddYears(-1),
        };
        db.Organizations.Add(organization);
        db.Attestations.Add(attestation);
        await db.SaveChangesAsync();
        return (organization.Id, attestation.Id);
    }

    private async Task<AttestationStatus> StatusAsync(Guid id)
    {
        await using var db = portal.CreateDbContext();
        return await db.Attestations.Where(a => a.Id == id).Select(a => a.Status).SingleAsync();
    }

    private async Task<int> AuditCountAsync(Guid id)
    {
        var entityId = id.ToString();
        await using var db = portal.CreateDbContext();
        return await db.AuditEvents.CountAsync(e => e.Action == "attestation.updated" && e.EntityId == entityId && e.Data.Contains("Expired"));
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100 && !await condition(); i++)
        {
            await Task.Delay(100);
        }
        Assert.True(await condition(), "The expiry job did not run after the clock moved.");
    }
}
