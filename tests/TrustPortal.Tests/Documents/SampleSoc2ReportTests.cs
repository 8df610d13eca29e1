using TrustPortal.Testing;
using TrustPortal.Web.Data.Demo;

namespace TrustPortal.Tests.Documents;

/// <summary>The demo's SOC 2 report reads like an auditor's report, not like an agreement, and says on its face that it is a sample.</summary>
public sealed class SampleSoc2ReportTests
{
    [Fact]
    public void SampleReport_IsLaidOutAsAnAuditReport_AndMarkedSample()
    {
        var pdf = DemoSoc2Report.Render(new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc));
        if (Environment.GetEnvironmentVariable("TRUSTPORTAL_SAMPLE_PDF") is { Length: > 0 } path)
        {
            File.WriteAllBytes(path, pdf);
        }

        var text = PdfTools.Text(pdf);

        Assert.Contains("SOC 2 Type 2 Report", text, StringComparison.Ordinal);
        Assert.Contains("SAMPLE", text, StringComparison.Ordinal);
        Assert.Contains("1 October 2025 to 30 September 2026", text, StringComparison.Ordinal);
        Assert.Contains("Independent service auditor's report", text, StringComparison.Ordinal);
        Assert.Contains("Assertion of Meridian AI, Inc. management", text, StringComparison.Ordinal);
        Assert.Contains("Description of the Meridian API platform", text, StringComparison.Ordinal);
        Assert.Contains("Trust services criteria, controls and tests of controls", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Agreement number", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Parties", text, StringComparison.Ordinal);
        Assert.DoesNotContain("TrustPortal", text, StringComparison.Ordinal);
    }
}
