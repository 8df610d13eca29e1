namespace TrustPortal.Web.Features.Webhooks;

/// <summary>When a failed message is tried again: 5 s, 5 min, 30 min, 2 h, 5 h, then every 10 h, each ±10 %.</summary>
public static class WebhookRetries
{
    private static readonly TimeSpan[] Schedule =
    [
        TimeSpan.FromSeconds(5),
        TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2),
        TimeSpan.FromHours(5),
        TimeSpan.FromHours(10),
    ];

    /// <summary>The wait after <paramref name="failedAttempts"/> failed attempts, with jitter so receivers are not hit in waves.</summary>
    public static TimeSpan Delay(int failedAttempts, double jitter)
    {
        var baseDelay = Schedule[Math.Clamp(failedAttempts - 1, 0, Schedule.Length - 1)];
        return baseDelay * (1 + (Math.Clamp(jitter, 0, 1) * 0.2) - 0.1);
    }

    /// <summary>The next attempt's time, or null when it would fall after the retry period: the message has failed.</summary>
    public static DateTime? Next(DateTime failedAtUtc, int failedAttempts, DateTime retryingSinceUtc, TimeSpan retryFor, double jitter)
    {
        var next = failedAtUtc + Delay(failedAttempts, jitter);
        return next <= retryingSinceUtc + retryFor ? next : null;
    }
}
