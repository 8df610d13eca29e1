using TrustPortal.Web.Features.Baa;

namespace TrustPortal.Tests.Baa;

public sealed class BusinessDaysTests
{
    [Theory]
    [InlineData("2026-11-23T10:00:00", 2, "2026-11-25T10:00:00")] // Monday + 2 = Wednesday
    [InlineData("2026-11-26T10:00:00", 2, "2026-11-30T10:00:00")] // Thursday + 2 skips the weekend
    [InlineData("2026-11-28T10:00:00", 1, "2026-11-30T10:00:00")] // Saturday + 1 = Monday
    public void Add_SkipsWeekends(string start, int days, string expected) =>
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            BusinessDays.Add(DateTime.Parse(start, System.Globalization.CultureInfo.InvariantCulture), days));

    [Fact]
    public void Between_FridayToMonday_IsOneBusinessDay() =>
        Assert.Equal(1, BusinessDays.Between(new DateTime(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc)));
}
