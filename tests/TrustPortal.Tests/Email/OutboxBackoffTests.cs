using TrustPortal.Web.Features.Email;

namespace TrustPortal.Tests.Email;

public sealed class OutboxBackoffTests
{
    private static readonly DateTime Queued = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan SevenDays = TimeSpan.FromDays(7);

    [Fact]
    public void Backoff_DoublesFromOneMinuteAndCapsAtAnHour()
    {
        double[] minutes = [1, 2, 4, 8, 16, 32, 60, 60];

        Assert.Equal(minutes, Enumerable.Range(1, 8).Select(a => OutboxSender.Backoff(a).TotalMinutes));
        Assert.Equal(TimeSpan.FromHours(1), OutboxSender.Backoff(500));
        Assert.Equal(TimeSpan.FromHours(1), OutboxSender.Backoff(int.MaxValue));
    }

    [Fact]
    public void Schedule_WithTheServerDownForGood_RetriesAtLeastHourlyForSevenDays_ThenGivesUp()
    {
        var message = new OutboxMessage { CreatedAtUtc = Queued };
        var attempts = new List<DateTime>();
        var at = Queued;
        while (true)
        {
            attempts.Add(at);
            message.Attempts++;
            if (OutboxSender.ShouldGiveUp(message, at, SevenDays))
            {
                break;
            }
            at += OutboxSender.Backoff(message.Attempts);
        }

        // The old rule stopped after 8 attempts, about 11 minutes in, so a short SMTP outage lost mail.
        double[] firstNine = [0, 1, 3, 7, 15, 31, 63, 123, 183];
        Assert.Equal(firstNine, attempts.Take(9).Select(a => (a - Queued).TotalMinutes));
        Assert.All(attempts.Zip(attempts.Skip(1)), pair => Assert.True(pair.Second - pair.First <= TimeSpan.FromHours(1)));
        Assert.InRange(attempts[^1] - Queued, SevenDays, SevenDays + TimeSpan.FromHours(1));
        Assert.InRange(attempts.Count, 160, 180);
    }

    [Fact]
    public void ShouldGiveUp_AfterAnAdminRetry_CountsTheRetryPeriodFromTheRetry()
    {
        var message = new OutboxMessage { CreatedAtUtc = Queued, Attempts = 170 };
        var eightDaysLater = Queued.AddDays(8);

        Assert.True(OutboxSender.ShouldGiveUp(message, eightDaysLater, SevenDays));
        Assert.False(OutboxSender.ShouldGiveUp(message, Queued.AddDays(6), SevenDays));

        message.RequeuedAtUtc = eightDaysLater.AddMinutes(-5);
        Assert.False(OutboxSender.ShouldGiveUp(message, eightDaysLater, SevenDays));
        Assert.True(OutboxSender.ShouldGiveUp(message, message.RequeuedAtUtc.Value + SevenDays, SevenDays));
    }
}
