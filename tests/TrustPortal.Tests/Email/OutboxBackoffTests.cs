using TrustPortal.Web.Features.Email;

namespace TrustPortal.Tests.Email;

public sealed class OutboxBackoffTests
{
    [Fact]
    public void Backoff_DoublesFromFiveSecondsAndCapsAtAnHour()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), OutboxSender.Backoff(1));
        Assert.Equal(TimeSpan.FromSeconds(10), OutboxSender.Backoff(2));
        Assert.Equal(TimeSpan.FromSeconds(40), OutboxSender.Backoff(4));
        Assert.Equal(TimeSpan.FromHours(1), OutboxSender.Backoff(30));
    }
}
