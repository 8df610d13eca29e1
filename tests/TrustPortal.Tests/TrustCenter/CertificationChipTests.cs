using Bunit;
using TrustPortal.Web.Features.TrustCenter;

namespace TrustPortal.Tests.TrustCenter;

public sealed class CertificationChipTests : PortalComponentTest
{
    [Theory]
    [InlineData(CertificationStatus.Current, "Current", "success")]
    [InlineData(CertificationStatus.InProgress, "In progress", "info")]
    [InlineData(CertificationStatus.Expired, "Expired", "error")]
    public void Status_HasOneLabelAndOneColour(CertificationStatus status, string label, string colour)
    {
        var chip = Render<CertificationChip>(p => p.Add(c => c.Status, status));

        Assert.Equal(label, chip.Find(".mud-chip-content").TextContent.Trim());
        Assert.Contains($"mud-chip-color-{colour}", chip.Find(".mud-chip").ClassName, StringComparison.Ordinal);
    }
}
