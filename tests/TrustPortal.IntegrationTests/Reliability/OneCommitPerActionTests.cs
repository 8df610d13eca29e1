using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.TrustCenter;
using TrustPortal.Web.Features.TrustCenter.Admin;
using TrustPortal.Web.Shared;

namespace TrustPortal.IntegrationTests.Reliability;

/// <summary>Fails the save that carries an audit event with the armed action, as a crash at that moment would.</summary>
public sealed class FailingAuditWrites : SaveChangesInterceptor
{
    private volatile string? action;

    public void Arm(string auditAction) => action = auditAction;

    public void Disarm() => action = null;

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (action is { } armed && eventData.Context!.ChangeTracker.Entries<AuditEvent>().Any(e => e.State == EntityState.Added && e.Entity.Action == armed))
        {
            throw new InvalidOperationException($"Simulated failure writing the '{armed}' audit event.");
        }
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}

public sealed class FailingAuditPortal : PortalFactory
{
    public FailingAuditWrites Audit { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(Audit));
    }
}

/// <summary>A save that is one action commits once: when its audit event cannot be written, nothing of it stays.</summary>
public sealed class OneCommitPerActionTests(FailingAuditPortal portal) : IClassFixture<FailingAuditPortal>, IDisposable
{
    private const string Password = "Correct-Horse-42";

    [Fact]
    public async Task Register_WhenTheAuditEventFails_LeavesNoUserNoRoleAndNoEmail()
    {
        var email = $"atomic-{Guid.NewGuid():N}@example.org";
        portal.Audit.Arm("account.registered");
        using var client = new PortalClient(portal.BaseAddress);

        using var response = await client.SubmitFormAsync("/Account/Register", "register", Fields(email));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        await using var db = portal.CreateDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.To == email));
    }

    [Fact]
    public async Task Register_WhenNothingFails_CommitsTheUserTheRoleTheAuditEventAndTheEmail()
    {
        var email = $"atomic-{Guid.NewGuid():N}@example.org";
        using var client = new PortalClient(portal.BaseAddress);

        using var response = await client.SubmitFormAsync("/Account/Register", "register", Fields(email));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = portal.CreateDbContext();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        Assert.True(await db.UserRoles.AnyAsync(r => r.UserId == user.Id));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "account.registered" && e.EntityId == user.Id));
        Assert.True(await db.OutboxMessages.AnyAsync(m => m.To == email && EF.Functions.Like(m.Subject, "Confirm%")));
    }

    [Fact]
    public async Task SaveCertification_New_WhenTheAuditEventFails_StoresNoCertification()
    {
        var name = $"Atomic {Guid.NewGuid():N}"[..30];
        portal.Audit.Arm("certification.updated");
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync("admin@trustportal.local"));
        var service = scope.ServiceProvider.GetRequiredService<CertificationAdminService>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => service.SaveAsync(new CertificationInput
        {
            Framework = ComplianceFramework.Hipaa, Status = CertificationStatus.InProgress, Name = name,
            Summary = "A certification that must not be half-saved.", HowToObtain = "Ask your account manager.",
        }));

        await using var db = portal.CreateDbContext();
        Assert.False(await db.Certifications.AnyAsync(c => c.Name == name));
    }

    public void Dispose() => portal.Audit.Disarm();

    private static Dictionary<string, string> Fields(string email) => new()
    {
        ["Input.DisplayName"] = "Ada Atomic",
        ["Input.Email"] = email,
        ["Input.Password"] = Password,
        ["Input.ConfirmPassword"] = Password,
    };
}
