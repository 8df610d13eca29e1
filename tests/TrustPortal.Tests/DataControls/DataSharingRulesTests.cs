using TrustPortal.Web.Features.DataControls;

namespace TrustPortal.Tests.DataControls;

public sealed class DataSharingRulesTests
{
    [Theory]
    [InlineData("2026-12-01T07:08:09Z", "2026-12-02T00:00:00Z")]
    [InlineData("2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z")]
    [InlineData("2026-12-31T23:59:59Z", "2027-01-01T00:00:00Z")]
    public void EffectiveFrom_OptIn_IsMidnightUtcOfTheNextDay(string elected, string expected)
    {
        var at = DateTime.Parse(elected, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);

        var from = DataSharingRules.EffectiveFrom(optIn: true, at);

        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal), from);
        Assert.Equal(DateTimeKind.Utc, from.Kind);
    }

    [Fact]
    public void EffectiveFrom_OptOut_IsTheMomentOfTheElection()
    {
        var at = new DateTime(2026, 12, 1, 7, 8, 9, DateTimeKind.Utc);

        Assert.Equal(at, DataSharingRules.EffectiveFrom(optIn: false, at));
    }

    [Fact]
    public void PlainParagraphs_DropsEmphasis_KeepsListItemsAndJoinsWrappedLines()
    {
        const string markdown = "Our models may be trained on:\n\n- information that is **public**;\n- data we\n  license;\n\nNot `this`\nor that.";

        var paragraphs = DataSharingDocument.PlainParagraphs(markdown);

        Assert.Equal(["Our models may be trained on:", "• information that is public;", "• data we license;", "Not this or that."], paragraphs);
    }

    [Fact]
    public void Label_SaysOnWithTheDate_OrOffSinceTheOptOut_OrOff()
    {
        var on = new ElectionState(true, 1, new DateTime(2026, 12, 1, 7, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc), "Gale", null, null);
        var off = on with { OptedIn = false, EffectiveFromUtc = on.ElectedAtUtc };

        Assert.Equal("On from 2026-12-02 (UTC)", on.Label);
        Assert.Equal("Off since 2026-12-01 (UTC)", off.Label);
        Assert.Equal("Off", ElectionState.Never.Label);
    }
}
