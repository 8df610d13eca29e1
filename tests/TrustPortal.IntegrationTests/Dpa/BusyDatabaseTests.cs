using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Dpa;
using TrustPortal.Web.Features.Dpa.Wizard;
using TrustPortal.Web.Shared;

namespace TrustPortal.IntegrationTests.Dpa;

/// <summary>
/// The portal with a one-second busy timeout (the connection string's Default Timeout; 30 s in production), so that a
/// write lock held from another connection outlasts it quickly.
/// </summary>
public sealed class BusyPortal : PortalFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:DefaultConnection"] = "Data Source=portal.db;Default Timeout=1",
    };

    /// <summary>SQLite's write lock, taken from another connection as another process's long transaction would.</summary>
    public async Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(DataDirectory, "portal.db"),
            Pooling = false,
        }.ToString());
        await connection.OpenAsync();
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE;";
        await begin.ExecuteNonQueryAsync();
        return new WriteLock(connection);
    }

    private sealed class WriteLock(SqliteConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using (var rollback = connection.CreateCommand())
            {
                rollback.CommandText = "ROLLBACK;";
                await rollback.ExecuteNonQueryAsync();
            }
            await connection.DisposeAsync();
        }
    }
}

/// <summary>
/// Issue 11: a write lock held past the busy timeout. Signing or sending the DPA says the portal is busy, stores
/// nothing and uses no agreement number; the wizard keeps every answer, and the same answers sign once the lock is gone.
/// </summary>
public sealed class BusyDatabaseTests(BusyPortal portal) : IClassFixture<BusyPortal>
{
    private static string BusyMessage => ExecutionResult.Busy.Errors.Single().ErrorMessage!;

    [SqliteOnlyFact]
    public async Task Execute_WhileAnotherConnectionHoldsTheWriteLock_SaysBusyStoresNothing_AndTheSameDraftSignsAfterwards()
    {
        var draft = DpaTestData.GlobexDraft();
        var before = await CountsAsync();
        var expectedNumber = await NextDpaNumberAsync();

        ExecutionResult busy;
        await using (await portal.HoldWriteLockAsync())
        {
            busy = await ExecuteAsGlobexAsync(draft);
        }

        Assert.False(busy.Succeeded);
        Assert.Equal(BusyMessage, Assert.Single(busy.Errors).ErrorMessage);
        Assert.Contains("Nothing was signed", BusyMessage, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());

        var retried = await ExecuteAsGlobexAsync(draft);

        Assert.True(retried.Succeeded, string.Join(" ", retried.Errors.Select(e => e.ErrorMessage)));
        // The failed attempt used no number: the retry takes the one it would have had.
        Assert.Equal(expectedNumber, retried.Number);
    }

    [SqliteOnlyFact]
    public async Task EveryConnection_LetsSqliteItselfWaitForTheLock_AsLongAsTheDefaultTimeout()
    {
        // SQLite's own busy handler retries within milliseconds of the lock's release; without it Microsoft.Data.Sqlite
        // sleeps 150 ms between attempts, and every signer queued behind that writer waits too.
        await using var db = portal.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA busy_timeout;";

        Assert.Equal(1000L, Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [SqliteOnlyFact]
    public async Task Forward_WhileAnotherConnectionHoldsTheWriteLock_SaysBusyAndSendsNothing()
    {
        var draft = DpaTestData.GlobexDraft();
        var before = await CountsAsync();

        ExecutionResult busy;
        await using (await portal.HoldWriteLockAsync())
        {
            await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(DpaTestData.GlobexEmail));
            busy = await scope.ServiceProvider.GetRequiredService<DpaSignatureRequests>().ForwardAsync(draft);
        }

        Assert.False(busy.Succeeded);
        Assert.Contains("busy", Assert.Single(busy.Errors).ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [SqliteOnlyFact]
    public async Task Wizard_WhenSigningMeetsALockedDatabase_StaysOnTheSignStepWithEveryAnswer_AndSignsOnRetry()
    {
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(DpaTestData.GlobexEmail));
        await using var browser = new BunitContext();
        browser.Services.AddMudServices();
        browser.JSInterop.Mode = JSRuntimeMode.Loose;
        // The page's services are the portal's own, in this customer's scope: real DpaService, real SQLite file.
        browser.Services.AddFallbackServiceProvider(scope.ServiceProvider);
        browser.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var page = browser.Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<DpaWizard>(1);
            builder.CloseComponent();
        });
        page.WaitForElement(".wizard-steps", TimeSpan.FromSeconds(10));

        // Steps 1 to 3 bind to the wizard's draft; fill it as the fields would, and move on with the wizard's buttons.
        var answers = DpaTestData.GlobexDraft();
        var draft = page.FindComponent<EntityStep>().Instance.Draft;
        draft.LegalName = answers.LegalName;
        draft.Address = answers.Address;
        draft.Country = answers.Country;
        draft.CompanyNumber = answers.CompanyNumber;
        Click(page, "Next");
        page.WaitForAssertion(() => Assert.Contains("Signatory", CurrentStep(page), StringComparison.Ordinal));
        draft.SignatoryTitle = answers.SignatoryTitle;
        Click(page, "Next");
        page.WaitForAssertion(() => Assert.Contains("Processing", CurrentStep(page), StringComparison.Ordinal));
        draft.DataSubjects = answers.DataSubjects;
        draft.DataCategories = answers.DataCategories;
        draft.Purposes = answers.Purposes;
        Click(page, "Next");
        page.WaitForAssertion(() => Assert.Contains("Review", CurrentStep(page), StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Click(page, "Continue to sign");
        page.WaitForAssertion(() => Assert.Contains("Sign", CurrentStep(page), StringComparison.Ordinal));
        page.Find(".signature-input input").Change(draft.SignatoryName);
        page.Find("input[type=checkbox]").Change(true);
        var before = await CountsAsync();

        await using (await portal.HoldWriteLockAsync())
        {
            Click(page, "Sign and execute");
            page.WaitForAssertion(() => Assert.Contains(BusyMessage, page.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        }

        Assert.Equal("Sign", CurrentStep(page).Trim()[1..].Trim());
        Assert.Equal(draft.SignatoryName, page.Find(".signature-input input").GetAttribute("value"));
        Assert.Equal(before, await CountsAsync());
        var navigation = browser.Services.GetRequiredService<NavigationManager>();
        Assert.DoesNotContain("/agreements/", navigation.Uri, StringComparison.Ordinal);

        Click(page, "Sign and execute");
        page.WaitForAssertion(() => Assert.Contains("/agreements/", navigation.Uri, StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        // Every step's answers reached the executed agreement.
        var id = Guid.Parse(navigation.Uri[(navigation.Uri.LastIndexOf('/') + 1)..]);
        await using var db = portal.CreateDbContext();
        var agreement = await db.Agreements.SingleAsync(a => a.Id == id);
        Assert.Equal(answers.LegalName, agreement.Customer.LegalName);
        Assert.Equal(answers.Address, agreement.Customer.Address);
        Assert.Equal(answers.SignatoryTitle, agreement.SignerTitle);
        Assert.Contains(answers.Purposes, agreement.DetailsJson, StringComparison.Ordinal);
    }

    private static string CurrentStep<T>(IRenderedComponent<T> page) where T : IComponent =>
        page.Find(".wizard-steps li[aria-current=step]").TextContent;

    private static void Click<T>(IRenderedComponent<T> page, string label) where T : IComponent =>
        page.FindAll("button").Single(b => b.TextContent.Trim().StartsWith(label, StringComparison.Ordinal)).Click();

    private async Task<ExecutionResult> ExecuteAsGlobexAsync(DpaDraft draft)
    {
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(DpaTestData.GlobexEmail));
        return await scope.ServiceProvider.GetRequiredService<DpaService>().ExecuteAsync(draft, DpaTestData.Signature());
    }

    private async Task<string> NextDpaNumberAsync()
    {
        await using var db = portal.CreateDbContext();
        var year = DateTime.UtcNow.Year;
        var last = await db.Agreements.Where(a => a.Kind == AgreementKind.Dpa && a.Year == year).MaxAsync(a => (int?)a.Sequence) ?? 0;
        return AgreementNumbers.Format(AgreementKind.Dpa, year, last + 1);
    }

    private async Task<(int Agreements, int Documents, int Requests, int Outbox, int Audit, int Attestations)> CountsAsync()
    {
        await using var db = portal.CreateDbContext();
        return (await db.Agreements.CountAsync(), await db.AgreementDocuments.CountAsync(), await db.SignatureRequests.CountAsync(),
            await db.OutboxMessages.CountAsync(), await db.AuditEvents.CountAsync(), await db.Attestations.CountAsync());
    }
}
