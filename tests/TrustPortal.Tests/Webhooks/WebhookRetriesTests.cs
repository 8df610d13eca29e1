using TrustPortal.Web.Features.Webhooks;

namespace TrustPortal.Tests.Webhooks;

public sealed class WebhookRetriesTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void Next_RetriesSevenTimesWithinTheDay_ThenGivesUp(double jitter)
    {
        var start = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        var at = start;
        var attempts = 1;
        while (WebhookRetries.Next(at, attempts, start, TimeSpan.FromHours(24), jitter) is { } next)
        {
            Assert.True(next > at);
            at = next;
            attempts++;
        }

        Assert.Equal(7, attempts);
        Assert.InRange(at - start, TimeSpan.FromHours(15), TimeSpan.FromHours(24));
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 300)]
    [InlineData(3, 1800)]
    [InlineData(4, 7200)]
    [InlineData(5, 18000)]
    [InlineData(6, 36000)]
    [InlineData(9, 36000)]
    public void Delay_GrowsExponentially_WithTenPercentJitter(int failedAttempts, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds * 0.9), WebhookRetries.Delay(failedAttempts, 0));
        Assert.Equal(TimeSpan.FromSeconds(seconds), WebhookRetries.Delay(failedAttempts, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(seconds * 1.1), WebhookRetries.Delay(failedAttempts, 1));
    }
}
