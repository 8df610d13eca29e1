using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.IntegrationTests.Dpa;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Dpa;

namespace TrustPortal.IntegrationTests.Reliability;

/// <summary>
/// Fails the n-th database command from the moment it is armed, as a crash at that point would. Only commands of the
/// async flow that armed it count, so the portal's background work (the outbox sender) is left alone.
/// </summary>
public sealed class CrashingCommands : DbCommandInterceptor
{
    private sealed class Countdown
    {
        public int Remaining;
        public int Executed;
    }

    private readonly AsyncLocal<Countdown?> current = new();
    private Countdown? last;

    public int Executed => last?.Executed ?? 0;

    // These are synchronous on purpose: an async-local value set here stays visible to the caller's flow.
    public void Arm(int failAt) => current.Value = last = new Countdown { Remaining = failAt };

    public void Count() => Arm(int.MaxValue);

    public void Disarm() => current.Value = null;

    private void Step()
    {
        if (current.Value is not { } countdown)
        {
            return;
        }
        countdown.Executed++;
        if (--countdown.Remaining == 0)
        {
            throw new InvalidOperationException("Simulated crash.");
        }
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Step();
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Step();
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Step();
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }
}

public sealed class CrashingPortal : PortalFactory
{
    public CrashingCommands Commands { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(Commands));
    }
}

/// <summary>A DPA execution that dies at any database command leaves a complete agreement or nothing at all.</summary>
public sealed class CrashDuringExecutionTests(CrashingPortal portal) : IClassFixture<CrashingPortal>
{
    [Fact]
    public async Task Execute_CrashAtEveryCommand_LeavesNothing_AndTheNextNumberHasNoGap()
    {
        var customer = await portal.PrincipalForAsync(DpaTestData.GlobexEmail);
        portal.Commands.Count();
        var first = await ExecuteAsync(customer);
        portal.Commands.Disarm();
        Assert.True(first.Succeeded);
        var commands = portal.Commands.Executed;
        Assert.True(commands > 3, $"Only {commands} commands were counted.");

        for (var failAt = 1; failAt <= commands; failAt++)
        {
            var before = await SnapshotAsync();
            portal.Commands.Arm(failAt);
            await Assert.ThrowsAnyAsync<Exception>(() => ExecuteAsync(customer));
            portal.Commands.Disarm();
            Assert.Equal(before, await SnapshotAsync());
        }

        var next = await ExecuteAsync(customer);
        Assert.Equal(int.Parse(first.Number![^6..], System.Globalization.CultureInfo.InvariantCulture) + 1, int.Parse(next.Number![^6..], System.Globalization.CultureInfo.InvariantCulture));
        await using var db = portal.CreateDbContext();
        Assert.True(await db.AgreementDocuments.AnyAsync(d => d.AgreementId == next.AgreementId));
    }

    private async Task<ExecutionResult> ExecuteAsync(System.Security.Claims.ClaimsPrincipal customer)
    {
        await using var scope = portal.ScopeAs(customer);
        return await scope.ServiceProvider.GetRequiredService<DpaService>().ExecuteAsync(DpaTestData.GlobexDraft(), DpaTestData.Signature());
    }

    private async Task<string> SnapshotAsync()
    {
        await using var db = portal.CreateDbContext();
        var statuses = string.Join(",", await db.Agreements.OrderBy(a => a.Number).Select(a => a.Number + ":" + a.Status).ToListAsync());
        var attestations = string.Join(",", await db.Attestations.OrderBy(a => a.Id).Select(a => a.Framework + ":" + a.Status + ":" + a.EvidenceLabel).ToListAsync());
        return $"{statuses}|{await db.AgreementDocuments.CountAsync()}|{await db.AuditEvents.CountAsync()}|{await db.OutboxMessages.CountAsync()}|{attestations}";
    }
}
