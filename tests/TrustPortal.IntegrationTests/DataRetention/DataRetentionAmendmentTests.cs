using Microsoft.EntityFrameworkCore;
using TrustPortal.IntegrationTests.Baa;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Baa;
using TrustPortal.Web.Features.DataRetention;
using TrustPortal.Web.Shared;

namespace TrustPortal.IntegrationTests.DataRetention;

/// <summary>An approved data-retention request becomes a sealed amendment through the agreement executor.</summary>
public sealed class DataRetentionAmendmentTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Legal = "legal@trustportal.local";

    [Fact]
    public async Task ZeroRetention_SignedAndCountersigned_IsASealedZeroDataRetentionAmendment()
    {
        var (id, customer) = await ApprovedAsync(customDays: null);

        var signed = await BaaTestData.AsAsync<DataRetentionCustomerService, BaaResult>(portal, customer, s => s.SignAsync(id, Signature()));
        Assert.True(signed.Succeeded, signed.Message);
        Assert.True(await OutboxHasAsync(Legal, "signed the retention amendment"));
        var executed = await BaaTestData.AsAsync<DataRetentionCountersignService, BaaResult>(portal, Legal, async s => await s.CountersignAsync(id, await VersionAsync(id)));
        Assert.True(executed.Succeeded, executed.Message);

        await using var db = portal.CreateDbContext();
        var request = await db.DataRetentionRequests.SingleAsync(r => r.Id == id);
        Assert.Equal(BaaStatus.Executed, request.Status);
        var agreement = await db.Agreements.SingleAsync(a => a.Id == executed.Id);
        Assert.Equal(request.AgreementId, agreement.Id);
        Assert.Equal(AgreementKind.Zdr, agreement.Kind);
        Assert.Matches(@"^ZDR-\d{4}-\d{6}$", agreement.Number);
        var pdf = await db.AgreementDocuments.Where(d => d.AgreementId == agreement.Id).Select(d => d.Content).SingleAsync();
        Assert.True(PdfTools.IsValidlySealed(pdf), PdfTools.Pdfsig(pdf));
        var text = PdfTools.Text(pdf);
        Assert.Contains("Zero Data Retention Amendment", text, StringComparison.Ordinal);
        Assert.Contains("Casey Signer", text, StringComparison.Ordinal);
        Assert.Contains("Lee Legal", text, StringComparison.Ordinal);
        Assert.Contains("API Data is not kept once the response is returned", text, StringComparison.Ordinal);
        var actions = await db.AuditEvents.Where(e => e.EntityId == id.ToString()).Select(e => e.Action).ToListAsync();
        Assert.Superset(new HashSet<string> { "data-retention.submitted", "data-retention.assigned", "data-retention.checklist.saved",
            "data-retention.approved", "data-retention.signed", "data-retention.countersigned" }, actions.ToHashSet());
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "agreement.executed" && e.EntityId == agreement.Id.ToString()));
        Assert.True(await OutboxHasAsync(customer, "your data retention amendment is executed"));
        var organization = await db.Organizations.Where(o => o.Id == request.OrganizationId).Select(o => o.Name).SingleAsync();
        Assert.EndsWith($",Off,Zero data retention since {agreement.ExecutedAtUtc:yyyy-MM-dd} (UTC)", await DataControls.DataControlsTestData.CsvLineAsync(portal, organization), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomDays_Executed_IsADataRetentionAmendmentStatingTheDays()
    {
        var (id, customer) = await ApprovedAsync(customDays: 7);
        await BaaTestData.AsAsync<DataRetentionCustomerService, BaaResult>(portal, customer, s => s.SignAsync(id, Signature()));

        var executed = await BaaTestData.AsAsync<DataRetentionCountersignService, BaaResult>(portal, Legal, async s => await s.CountersignAsync(id, await VersionAsync(id)));

        Assert.True(executed.Succeeded, executed.Message);
        await using var db = portal.CreateDbContext();
        var pdf = await db.AgreementDocuments.Where(d => d.AgreementId == executed.Id).Select(d => d.Content).SingleAsync();
        var text = PdfTools.Text(pdf);
        Assert.Contains("Data Retention Amendment", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Zero Data Retention Amendment", text, StringComparison.Ordinal);
        Assert.Contains("7 days from the moment the response is returned", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Countersign_BeforeTheCustomerSigns_OrBySales_IsRefusedAndUsesNoNumber()
    {
        var (id, customer) = await ApprovedAsync(customDays: null);

        var early = await BaaTestData.AsAsync<DataRetentionCountersignService, BaaResult>(portal, Legal, async s => await s.CountersignAsync(id, await VersionAsync(id)));
        await BaaTestData.AsAsync<DataRetentionCustomerService, BaaResult>(portal, customer, s => s.SignAsync(id, Signature()));
        var bySales = await BaaTestData.AsAsync<DataRetentionCountersignService, BaaResult>(portal, BaaTestData.Sales, async s => await s.CountersignAsync(id, await VersionAsync(id)));

        Assert.Contains("customer has signed", early.Message, StringComparison.Ordinal);
        Assert.Contains("Only Legal", bySales.Message, StringComparison.Ordinal);
        await using var db = portal.CreateDbContext();
        var request = await db.DataRetentionRequests.SingleAsync(r => r.Id == id);
        Assert.Equal(BaaStatus.AwaitingCountersignature, request.Status);
        Assert.False(await db.Agreements.AnyAsync(a => a.OrganizationId == request.OrganizationId));
    }

    [Fact]
    public async Task Sign_ByAnotherOrganizationsMember_IsRefused()
    {
        var (id, _) = await ApprovedAsync(customDays: null);
        var stranger = await BaaTestData.CreateCustomerAsync(portal, BaaTestData.NewTag());

        var result = await BaaTestData.AsAsync<DataRetentionCustomerService, BaaResult>(portal, stranger, s => s.SignAsync(id, Signature()));

        Assert.False(result.Succeeded);
        await using var db = portal.CreateDbContext();
        Assert.Equal(BaaStatus.Approved, (await db.DataRetentionRequests.SingleAsync(r => r.Id == id)).Status);
    }

    private async Task<(Guid Id, string Customer)> ApprovedAsync(int? customDays)
    {
        var (id, customer) = await DataRetentionTestData.SubmitNewAsync(portal, BaaTestData.NewTag(), customDays);
        await ReviewAsync(async s => await s.AssignToMeAsync(id, await VersionAsync(id)));
        await ReviewAsync(async s => await s.SaveChecklistAsync(id, await VersionAsync(id), new DataRetentionChecklist(true, true, true)));
        await ReviewAsync(async s => await s.ApproveAsync(id, await VersionAsync(id)));
        return (id, customer);
    }

    private static BaaSignature Signature() => new() { SignerName = "Casey Signer", SignerTitle = "CTO", TypedName = "Casey Signer", Consent = true };

    private async Task ReviewAsync(Func<DataRetentionReviewService, Task<BaaResult>> act)
    {
        var result = await BaaTestData.AsAsync(portal, BaaTestData.Sales, act);
        Assert.True(result.Succeeded, result.Message);
    }

    private async Task<Guid> VersionAsync(Guid id)
    {
        await using var db = portal.CreateDbContext();
        return await db.DataRetentionRequests.Where(r => r.Id == id).Select(r => r.Version).SingleAsync();
    }

    private async Task<bool> OutboxHasAsync(string to, string subjectPart)
    {
        await using var db = portal.CreateDbContext();
        return await db.OutboxMessages.AnyAsync(m => m.To == to && m.Subject.Contains(subjectPart));
    }
}
