using Bunit;
using TrustPortal.Web.Features.Audit;

namespace TrustPortal.Tests.Audit;

public sealed class AuditChainAlertTests : PortalComponentTest
{
    [Fact]
    public void MissingTail_SaysEventsWereDeletedAndWhatProvesIt()
    {
        var report = new AuditChainReport(AuditChainStatus.MissingTail, 3, 4, "Events #4 to #5 are missing from the end of the trail.",
            "The signed head record says the last event is #5 (hash 3fa2…), but the trail now ends at #3.");

        var alert = Render<AuditChainAlert>(p => p.Add(a => a.Report, report));

        Assert.Contains("mud-alert-text-error", alert.Find(".mud-alert").ClassName, StringComparison.Ordinal);
        Assert.Contains("Events were deleted from the end of the audit trail.", alert.Markup, StringComparison.Ordinal);
        Assert.Contains("Events #4 to #5 are missing", alert.Markup, StringComparison.Ordinal);
        Assert.Contains("What proves it:", alert.Markup, StringComparison.Ordinal);
        Assert.Contains("says the last event is #5", alert.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Rewritten_NamesTheEvent()
    {
        var report = new AuditChainReport(AuditChainStatus.Rewritten, 2, 3, "It was rewritten by someone without the chain key.", "Its key signature does not match.");

        var alert = Render<AuditChainAlert>(p => p.Add(a => a.Report, report));

        Assert.Contains("The audit trail was altered at event #3.", alert.Markup, StringComparison.Ordinal);
        Assert.Contains("without the chain key", alert.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Intact_WithAdoptedEvents_SaysFromWhenTheyAreProtected()
    {
        var report = new AuditChainReport(AuditChainStatus.Intact, 12, null, null, null, AdoptedThroughSequence: 10,
            AdoptedAtUtc: new DateTime(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc));

        var alert = Render<AuditChainAlert>(p => p.Add(a => a.Report, report));

        Assert.Contains("mud-alert-text-success", alert.Find(".mud-alert").ClassName, StringComparison.Ordinal);
        Assert.Contains("The chain is intact.", alert.Markup, StringComparison.Ordinal);
        Assert.Contains("Events #1 to #10 were recorded before the chain key existed", alert.Markup, StringComparison.Ordinal);
    }
}
