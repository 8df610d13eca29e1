using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.IntegrationTests.Baa;
using TrustPortal.IntegrationTests.Dpa;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.Baa;
using TrustPortal.Web.Features.Dpa;
using TrustPortal.Web.Features.TrustCenter.Admin;
using TrustPortal.Web.Shared;

namespace TrustPortal.IntegrationTests.Reliability;

/// <summary>
/// Two portal hosts in one test process with nothing in common but the database file: each has its own data folder,
/// its own services and singletons, and the same audit chain key, as two instances of one deployment would.
/// </summary>
public sealed class TwoHostsOnOneDatabase : IAsyncLifetime
{
    private static readonly string ChainKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public SharedDatabaseHost First { get; } = new(first: null, ChainKey);

    public SharedDatabaseHost Second { get; private set; } = null!;

    public Task InitializeAsync()
    {
        // The first host migrates and seeds; the second starts on the database the first made.
        _ = First.BaseAddress;
        Second = new SharedDatabaseHost(First, ChainKey);
        _ = Second.BaseAddress;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
    }
}

/// <param name="first">The host whose database this one shares; null for the first host.</param>
public sealed class SharedDatabaseHost(SharedDatabaseHost? first, string chainKey) : PortalFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Audit:ChainKey"] = chainKey,
        ["Demo:Seed"] = first is null ? "true" : "false",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (first is null)
        {
            return;
        }
        builder.UseSetting("ConnectionStrings:DefaultConnection", $"Data Source={Path.Combine(first.DataDirectory, "portal.db")}");
        if (first.PostgresConnectionString is { } shared)
        {
            builder.UseSetting("ConnectionStrings:Postgres", shared);
        }
    }
}

/// <summary>
/// The executor's guarantees come from the database, not from one process: two hosts executing at once hand out
/// consecutive numbers with no gap and no duplicate, every PDF is sealed, and the audit chain stays whole.
/// </summary>
public sealed partial class TwoHostExecutionTests(TwoHostsOnOneDatabase hosts) : IClassFixture<TwoHostsOnOneDatabase>
{
    private const string Legal = "legal@trustportal.local";
    private const int Dpas = 100;
    private const int Baas = 20;

    [Fact]
    public async Task HundredDpasAndTwentyBaaCountersignatures_OnTwoHostsAtOnce_AreNumberedWithoutGapsSealedAndAudited()
    {
        var baaRequests = new List<Guid>();
        for (var i = 0; i < Baas; i++)
        {
            baaRequests.Add(await AwaitingCountersignatureAsync(hosts.First, $"{BaaTestData.NewTag()} Two Hosts {i}"));
        }
        var customers = new[] { DpaTestData.GlobexEmail, DpaTestData.AcmeEmail };
        var portals = new PortalFactory[] { hosts.First, hosts.Second };

        var dpaRuns = Enumerable.Range(0, Dpas).Select(i => Task.Run(async () =>
        {
            var portal = portals[i % 2];
            var user = await portal.PrincipalForAsync(customers[i / 2 % 2]);
            await using var scope = portal.ScopeAs(user);
            var draft = DpaTestData.GlobexDraft();
            draft.LegalName = $"Two Hosts Customer {i}";
            var result = await scope.ServiceProvider.GetRequiredService<DpaService>().ExecuteAsync(draft, DpaTestData.Signature());
            Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.ErrorMessage)));
            return result.AgreementId!.Value;
        }));
        var baaRuns = baaRequests.Select((id, i) => Task.Run(async () =>
        {
            var portal = portals[i % 2];
            var version = await BaaTestData.VersionAsync(portal, id);
            var result = await BaaTestData.AsAsync<BaaCountersignService, BaaResult>(portal, Legal, s => s.CountersignAsync(id, version));
            Assert.True(result.Succeeded, result.Message);
            return result.Id!.Value;
        }));
        var executed = await Task.WhenAll(dpaRuns.Concat(baaRuns));

        await using var db = hosts.First.CreateDbContext();
        var year = (await db.Agreements.SingleAsync(a => a.Id == executed[0])).Year;
        foreach (var kind in new[] { AgreementKind.Dpa, AgreementKind.Baa })
        {
            // Every number of the kind and year, the demo's and this run's: 1..n, each once.
            var sequences = await db.Agreements.Where(a => a.Kind == kind && a.Year == year).Select(a => a.Sequence).ToListAsync();
            sequences.Sort();
            Assert.Equal(Enumerable.Range(1, sequences.Count), sequences);
        }
        var mine = await db.Agreements.Where(a => executed.Contains(a.Id)).ToListAsync();
        Assert.Equal(Dpas, mine.Count(a => a.Kind == AgreementKind.Dpa));
        Assert.Equal(Baas, mine.Count(a => a.Kind == AgreementKind.Baa));
        Assert.All(mine, a => Assert.Equal(
            $"{a.Kind.ToString().ToUpperInvariant()}-{a.Year}-{a.Sequence.ToString("000000", CultureInfo.InvariantCulture)}", a.Number));

        foreach (var agreement in mine)
        {
            var pdf = await db.AgreementDocuments.Where(d => d.AgreementId == agreement.Id).Select(d => d.Content).SingleAsync();
            Assert.True(PdfTools.IsValidlySealed(pdf), PdfTools.Pdfsig(pdf));
            // PDFs drafted before the lock for an expected number are stored only when that number held: every number
            // the PDF prints is the one stored with it.
            var printed = AgreementNumber().Matches(PdfTools.Text(pdf)).Select(m => m.Value).Distinct();
            Assert.Equal([agreement.Number], printed);
        }
        var audited = await db.AuditEvents.Where(e => e.Action == "agreement.executed").Select(e => e.EntityId).ToListAsync();
        Assert.All(executed, id => Assert.Single(audited, e => e == id.ToString()));

        foreach (var host in portals)
        {
            var report = await host.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync();
            Assert.True(report.IsIntact, $"{report.Problem} {report.Evidence}");
        }

        // Both hosts' senders work the one outbox: every message is sent, and by one of them only.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await db.OutboxMessages.AnyAsync(m => m.SentAtUtc == null) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.SentAtUtc == null), "The outbox did not empty within a minute.");
        var sent = await db.OutboxMessages.CountAsync();
        var files = portals.SelectMany(p => Directory.Exists(Path.Combine(p.DataDirectory, "mail"))
            ? Directory.GetFiles(Path.Combine(p.DataDirectory, "mail"), "*.eml") : []).ToList();
        var messageIds = files.Select(f => Path.GetFileNameWithoutExtension(f)[(Path.GetFileNameWithoutExtension(f).IndexOf('-', StringComparison.Ordinal) + 1)..]).ToList();
        Assert.Equal(sent, messageIds.Distinct().Count());
        Assert.Equal(sent, files.Count);
        Assert.All(portals, p => Assert.True(Directory.Exists(Path.Combine(p.DataDirectory, "mail")), "One of the hosts sent nothing."));
    }

    [Fact]
    public async Task SignInCookie_FromOneHost_IsAcceptedByTheOther()
    {
        // The Data Protection key ring is in the database: a cookie issued by one instance opens pages on the other.
        using var client = new PortalClient(hosts.First.BaseAddress);
        await client.SignInAsync(DpaTestData.AcmeEmail, PortalFactory.DemoPassword);

        using var second = await client.GetAsync(new Uri(hosts.Second.BaseAddress, "/portal").ToString());

        Assert.Equal(System.Net.HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("Acme", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void SelfSignedSealCertificate_IsOneForEveryHost()
    {
        var first = hosts.First.Services.GetRequiredService<SealCertificate>();
        var second = hosts.Second.Services.GetRequiredService<SealCertificate>();

        Assert.True(first.IsSelfSigned);
        Assert.Equal(first.Certificate.Thumbprint, second.Certificate.Thumbprint);
        Assert.True(second.Certificate.HasPrivateKey);
    }

    [Fact]
    public async Task PublishingOnOneHost_ShowsOnTheOtherHostsCachedPublicPage()
    {
        using var visitor = new PortalClient(hosts.Second.BaseAddress);
        // The second host caches the public page for anonymous visitors.
        var before = await visitor.GetDocumentAsync("/commitments");
        var again = await visitor.GetDocumentAsync("/commitments");
        Assert.Equal(before.Body!.TextContent, again.Body!.TextContent);
        var added = $"Two hosts, one cache rule {Guid.NewGuid():N}.";

        await using (var scope = hosts.First.ScopeAs(await hosts.First.PrincipalForAsync("admin@trustportal.local")))
        {
            var content = scope.ServiceProvider.GetRequiredService<ContentAdminService>();
            var draft = await content.GetDraftAsync();
            draft.Sections[0].BodyMarkdown += "\n\n" + added;
            Assert.True((await content.SaveDraftAsync(draft.Sections)).Succeeded);
            Assert.True((await content.PublishAsync("Adds a sentence on one host.", DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1)))).Succeeded);
        }

        var after = await visitor.GetDocumentAsync("/commitments");
        Assert.Contains(added, after.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DpaWizardDraft_SavedOnOneHost_ContinuesOnTheOther_ForItsOwnerOnly()
    {
        var draft = DpaTestData.GlobexDraft();
        draft.Purposes = $"Continued on the other instance {Guid.NewGuid():N}.";
        await using (var scope = hosts.First.ScopeAs(await hosts.First.PrincipalForAsync(DpaTestData.GlobexEmail)))
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<DpaWizardDrafts>().SaveAsync(draft, step: 3, iAmSignatory: false));
        }

        await using (var scope = hosts.Second.ScopeAs(await hosts.Second.PrincipalForAsync(DpaTestData.GlobexEmail)))
        {
            var saved = await scope.ServiceProvider.GetRequiredService<DpaWizardDrafts>().LoadAsync();
            Assert.NotNull(saved);
            Assert.Equal(draft.Purposes, saved.Draft.Purposes);
            Assert.Equal(draft.LegalName, saved.Draft.LegalName);
            Assert.Equal(3, saved.Step);
            Assert.False(saved.IAmSignatory);
        }
        await using (var scope = hosts.Second.ScopeAs(await hosts.Second.PrincipalForAsync(DpaTestData.AcmeEmail)))
        {
            // Another organization's member sees none of it.
            var other = await scope.ServiceProvider.GetRequiredService<DpaWizardDrafts>().LoadAsync();
            Assert.True(other is null || other.Draft.Purposes != draft.Purposes);
        }
        await using (var scope = hosts.Second.ScopeAs(await hosts.Second.PrincipalForAsync(DpaTestData.GlobexEmail)))
        {
            var drafts = scope.ServiceProvider.GetRequiredService<DpaWizardDrafts>();
            await drafts.DeleteAsync();
            Assert.Null(await drafts.LoadAsync());
        }
    }

    /// <summary>A new organization's BAA request taken through review and the customer's signature.</summary>
    private static async Task<Guid> AwaitingCountersignatureAsync(PortalFactory portal, string organizationName)
    {
        var (id, customer) = await BaaTestData.SubmitNewAsync(portal, organizationName);
        await BaaTestData.ReviewAsync(portal, s => s.AssignToMeAsync([id]));
        await BaaTestData.ReviewAsync(portal, async s => await s.SaveChecklistAsync(id, await BaaTestData.VersionAsync(portal, id), new BaaChecklist(true, true, true)));
        await BaaTestData.ReviewAsync(portal, async s => await s.ApproveAsync(id, await BaaTestData.VersionAsync(portal, id)));
        var signed = await BaaTestData.AsAsync<BaaCustomerService, BaaResult>(portal, customer,
            s => s.SignAsync(id, new BaaSignature { SignerName = "Pat Tester", SignerTitle = "Chief Privacy Officer", TypedName = "Pat Tester", Consent = true }));
        Assert.True(signed.Succeeded, signed.Message);
        return id;
    }

    [GeneratedRegex(@"\b(DPA|BAA)-\d{4}-\d{6}\b")]
    private static partial Regex AgreementNumber();
}
