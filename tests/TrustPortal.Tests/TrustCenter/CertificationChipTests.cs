using Bunit;
using TrustPortal.Web.Features.TrustCenter;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Tests.TrustCenter;

/// <summary>What a reader must be able to tell from the chip alone, for every status there is.</summary>
public sealed class CertificationChipTests : PortalComponentTest
{
    [Fact]
    public void EveryStatus_ShowsItsDisplayName_InAColourNoOtherStatusUses()
    {
        var chips = Enum.GetValues<CertificationStatus>()
            .Select(status => (Status: status, Chip: Render<CertificationChip>(p => p.Add(c => c.Status, status))))
            .Select(c => (c.Status, Label: c.Chip.Find(".mud-chip-content").TextContent.Trim(), Colour: ColourOf(c.Chip.Find(".mud-chip").ClassName)))
            .ToList();

        Assert.All(chips, c => Assert.Equal(c.Status.DisplayName(), c.Label));
        Assert.Equal(chips.Count, chips.Select(c => c.Colour).Distinct().Count());
    }

    [Fact]
    public void Expired_IsTheOnlyStatusInTheErrorColour()
    {
        var errors = Enum.GetValues<CertificationStatus>()
            .Where(status => ColourOf(Render<CertificationChip>(p => p.Add(c => c.Status, status)).Find(".mud-chip").ClassName) == "error");

        Assert.Equal([CertificationStatus.Expired], errors);
    }

    private static string ColourOf(string? className) =>
        className?.Split(' ').FirstOrDefault(c => c.StartsWith("mud-chip-color-", StringComparison.Ordinal))?["mud-chip-color-".Length..]
        ?? throw new InvalidOperationException($"The chip has no colour class: {className}");
}
