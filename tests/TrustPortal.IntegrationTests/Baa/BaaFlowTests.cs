using System.Net;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Attestations;
using TrustPortal.Web.Features.Baa;
using TrustPortal.Web.Features.TrustCenter;
using TrustPortal.Web.Shared;

namespace TrustPortal.IntegrationTests.Baa;

/// <summary>A BAA from request to executed PDF through the real services, and the moves the workflow refuses.</summary>
public sealed class BaaFlowTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Acme = "customer@acme.example";
    private const string Sales = "sales@trustportal.local";
    private const string Legal = "legal@trustportal.local";

    [Fact]
    public async Task FullFlow_RequestQuestionAnswerApproveSignCountersign_ExecutesASealedBaa()
    {
        var id = await SubmitAsAcmeAsync();
        Assert.True(await OutboxHasAsync(Sales, "new BAA request"));

        await AsAsync<BaaReviewService>(Sales, s => s.AssignToMeAsync([id]));
        await AsAsync<BaaReviewService>(Sales, async s => await s.RequestInformationAsync(id, await VersionAsync(id), "Which EHR sends the notes?"));
        Assert.True(await OutboxHasAsync(Acme, "a question about your BAA request"));
        await AsAsync<BaaCustomerService>(Acme, s => s.AnswerAsync(id, "Our own EHR, from the backend only."));
        Assert.True(await OutboxHasAsync(Sales, "answered your question"));
        await AsAsync<BaaReviewService>(Sales, async s => await s.SaveChecklistAsync(id, await VersionAsync(id), new BaaChecklist(true, true, true)));
        await AsAsync<BaaReviewService>(Sales, async s => await s.ApproveAsync(id, await VersionAsync(id)));
        Assert.True(await OutboxHasAsync(Acme, "your BAA request is approved"));
        await AsAsync<BaaCustomerService>(Acme, s => s.SignAsync(id, Signature()));
        Assert.True(await OutboxHasAsync(Legal, "signed the BAA"));
        var executed = await AsAsync<BaaCountersignService>(Legal, async s => await s.CountersignAsync(id, await VersionAsync(id)));

        await using var db = portal.CreateDbContext();
        var agreement = await db.Agreements.Include(a => a.Organization).SingleAsync(a => a.Id == executed.Id);
        Assert.Matches(@"^BAA-\d{4}-\d{6}$", agreement.Number);
        Assert.Equal("Casey Customer", agreement.SignerName);
        var pdf = await db.AgreementDocuments.Where(d => d.AgreementId == agreement.Id).Select(d => d.Content).SingleAsync();
        Assert.True(PdfTools.IsValidlySealed(pdf), PdfTools.Pdfsig(pdf));
        var text = PdfTools.Text(pdf);
        Assert.Contains("Business Associate Agreement", text, StringComparison.Ordinal);
        Assert.Contains("Casey Customer", text, StringComparison.Ordinal);
        Assert.Contains("Lee Legal", text, StringComparison.Ordinal);
        // Legal's countersignature carries the signer's real title, not the role name.
        Assert.Contains("General Counsel", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"TITLE\s*Legal\b", text);
        Assert.Contains("Approved by Sam Sales", text, StringComparison.Ordinal);
        var hipaa = await db.Attestations.SingleAsync(a => a.OrganizationId == agreement.OrganizationId && a.Framework == ComplianceFramework.Hipaa);
        Assert.Equal(AttestationStatus.Current, hipaa.Status);
        var actions = await db.AuditEvents.Where(e => e.EntityId == id.ToString()).Select(e => e.Action).ToListAsync();
        Assert.Superset(new HashSet<string> { "baa.submitted", "baa.assigned", "baa.information-requested", "baa.answered", "baa.checklist.saved", "baa.approved", "baa.signed", "baa.countersigned" }, actions.ToHashSet());
        Assert.True(await OutboxHasAsync(Acme, "your Business Associate Agreement is executed"));
    }

    [Fact]
    public async Task Countersign_BeforeTheCustomerSigns_IsRefused()
    {
        var id = await ApprovedRequestAsync();

        var result = await AsAsync<BaaCountersignService>(Legal, async s => await s.CountersignAsync(id, await VersionAsync(id)), expectSuccess: false);

        Assert.False(result.Succeeded);
        await using var db = portal.CreateDbContext();
        Assert.Equal(BaaStatus.Approved, (await db.BaaRequests.SingleAsync(r => r.Id == id)).Status);
    }

    [Fact]
    public async Task Countersign_BySalesWithoutLegal_IsRefused()
    {
        var id = await ApprovedRequestAsync();
        await AsAsync<BaaCustomerService>(Acme, s => s.SignAsync(id, Signature()));

        var result = await AsAsync<BaaCountersignService>(Sales, async s => await s.CountersignAsync(id, await VersionAsync(id)), expectSuccess: false);

        Assert.Contains("Only Legal", result.Message, StringComparison.Ordinal);
        await using var db = portal.CreateDbContext();
        Assert.Equal(BaaStatus.AwaitingCountersignature, (await db.BaaRequests.SingleAsync(r => r.Id == id)).Status);
        await AsAsync<BaaCountersignService>(Legal, async s => await s.CountersignAsync(id, await VersionAsync(id)));
    }

    [Fact]
    public async Task Approve_ARejectedRequest_IsRefused()
    {
        var id = await SubmitAsAcmeAsync();
        await AsAsync<BaaReviewService>(Sales, s => s.AssignToMeAsync([id]));
        await AsAsync<BaaReviewService>(Sales, async s => await s.RejectAsync(id, await VersionAsync(id), "We do not cover <b>genomic</b> data."));

        var result = await AsAsync<BaaReviewService>(Sales, async s => await s.ApproveAsync(id, await VersionAsync(id)), expectSuccess: false);

        Assert.False(result.Succeeded);
        await using var db = portal.CreateDbContext();
        Assert.Equal(BaaStatus.Rejected, (await db.BaaRequests.SingleAsync(r => r.Id == id)).Status);
    }

    [Fact]
    public async Task Submit_WhileAnotherRequestIsOpen_IsRefused()
    {
        await SubmitAsAcmeAsync();

        var second = await AsAsync<BaaCustomerService>(Acme, s => s.SubmitAsync(BaaTestUseCase()), expectSuccess: false);

        Assert.Contains("already has an open BAA request", second.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InternalNotes_NeverReachTheCustomer_ByServiceOrPage()
    {
        var id = await SubmitAsAcmeAsync();
        const string note = "Internal: pricing exception approved by VP";
        await AsAsync<BaaReviewService>(Sales, s => s.AddNoteAsync(id, note));

        var view = await AsCustomerAsync(s => s.GetAsync(id));
        using var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync(Acme, PortalFactory.DemoPassword);
        using var page = await client.GetAsync($"/baa/{id}");

        Assert.NotNull(view);
        Assert.DoesNotContain(note, System.Text.Json.JsonSerializer.Serialize(view), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain(note, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestPage_ForAnotherOrganization_IsNotFound()
    {
        var id = await SubmitAsAcmeAsync();
        using var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync("customer@globex.example", PortalFactory.DemoPassword);

        using var page = await client.GetAsync($"/baa/{id}");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    [Theory]
    [InlineData("/sales/baa")]
    [InlineData("/sales/requests")]
    [InlineData("/legal/countersign")]
    public async Task StaffPages_ForACustomer_AreAccessDenied(string url)
    {
        using var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync(Acme, PortalFactory.DemoPassword);

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_BadInput_IsRefusedWithMessagesAndStoresNothing()
    {
        await using var db = portal.CreateDbContext();
        var before = await db.BaaRequests.CountAsync();
        var useCase = BaaTestUseCase();
        useCase.LegalName = "<script>alert(1)</script>";
        useCase.Services = ["Image generation"];
        useCase.ContactEmail = "nope";
        useCase.GoLive = DateTime.UtcNow.AddYears(-1);

        var result = await AsAsync<BaaCustomerService>("customer@globex.example", s => s.SubmitAsync(useCase), expectSuccess: false);

        var fields = result.Errors.SelectMany(e => e.MemberNames).ToHashSet();
        Assert.Superset(new HashSet<string> { "LegalName", "Services", "ContactEmail", "GoLive" }, fields);
        Assert.Equal(before, await db.BaaRequests.CountAsync());
    }

    internal static BaaUseCase BaaTestUseCase() => new()
    {
        LegalName = "Acme Health Services LLC",
        Address = "1 Roadrunner Way, Phoenix, AZ",
        Country = "United States",
        Role = CoveredEntityRole.BusinessAssociate,
        Services = [BaaOptions.DefaultServices[0]],
        PhiKinds = [BaaChoices.PhiKinds[2]],
        Volume = MonthlyVolume.UpTo10k,
        ZeroDataRetention = true,
        PhiFlow = "Our backend sends visit notes to draft summaries.",
        Safeguards = [BaaChoices.Safeguards[0]],
        GoLive = DateTime.UtcNow.AddDays(30),
        ContactName = "Casey Customer",
        ContactEmail = "casey@acme.example",
    };

    private static BaaSignature Signature() => new() { SignerName = "Casey Customer", SignerTitle = "COO", TypedName = "Casey Customer", Consent = true };

    private async Task<Guid> SubmitAsAcmeAsync()
    {
        // One open request per organization: finish any earlier test's request first.
        await using (var db = portal.CreateDbContext())
        {
            var acmeUser = await db.Users.SingleAsync(u => u.Email == Acme);
            await db.BaaRequests.Where(r => r.OrganizationId == acmeUser.OrganizationId && r.Status != BaaStatus.Executed && r.Status != BaaStatus.Rejected)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, BaaStatus.Rejected));
        }
        var result = await AsAsync<BaaCustomerService>(Acme, s => s.SubmitAsync(BaaTestUseCase()));
        return result.Id!.Value;
    }

    private async Task<Guid> ApprovedRequestAsync()
    {
        var id = await SubmitAsAcmeAsync();
        await AsAsync<BaaReviewService>(Sales, s => s.AssignToMeAsync([id]));
        await AsAsync<BaaReviewService>(Sales, async s => await s.SaveChecklistAsync(id, await VersionAsync(id), new BaaChecklist(true, true, true)));
        await AsAsync<BaaReviewService>(Sales, async s => await s.ApproveAsync(id, await VersionAsync(id)));
        return id;
    }

    private async Task<Guid> VersionAsync(Guid id)
    {
        await using var db = portal.CreateDbContext();
        return await db.BaaRequests.Where(r => r.Id == id).Select(r => r.Version).SingleAsync();
    }

    private async Task<BaaResult> AsAsync<TService>(string email, Func<TService, Task<BaaResult>> act, bool expectSuccess = true) where TService : notnull
    {
        ClaimsPrincipal user = await portal.PrincipalForAsync(email);
        await using var scope = portal.ScopeAs(user);
        var result = await act(scope.ServiceProvider.GetRequiredService<TService>());
        if (expectSuccess)
        {
            Assert.True(result.Succeeded, result.Message);
        }
        return result;
    }

    private async Task<BaaCustomerView?> AsCustomerAsync(Func<BaaCustomerService, Task<BaaCustomerView?>> act)
    {
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(Acme));
        return await act(scope.ServiceProvider.GetRequiredService<BaaCustomerService>());
    }

    private async Task<bool> OutboxHasAsync(string to, string subjectPart)
    {
        await using var db = portal.CreateDbContext();
        return await db.OutboxMessages.AnyAsync(m => m.To == to && m.Subject.Contains(subjectPart));
    }
}
