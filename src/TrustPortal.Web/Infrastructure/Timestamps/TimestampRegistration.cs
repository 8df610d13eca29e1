using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace TrustPortal.Web.Infrastructure.Timestamps;

public static class TimestampRegistration
{
    /// <summary>Largest answer read from an authority; a token is a few kilobytes.</summary>
    private const int MaxResponseBytes = 256 * 1024;

    /// <summary>The time-stamp authorities' client: a pipeline per authority, so one authority's open circuit never blocks the next.</summary>
    public static void AddTimestampAuthorities(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TimestampOptions>().Bind(builder.Configuration.GetSection(TimestampOptions.Section))
            .Validate(o => o.TimestampUrls.All(IsHttpUrl), "Agreements:Seal:TimestampUrls must be absolute http or https addresses.")
            .Validate(o => !(o.RequireTimestamp == true && !o.Enabled), "Agreements:Seal:RequireTimestamp is true but Agreements:Seal:TimestampUrls is empty.")
            .Validate(o => o.TimestampTimeout >= TimeSpan.FromMilliseconds(100) && o.TimestampTimeout <= TimeSpan.FromMinutes(2),
                "Agreements:Seal:TimestampTimeout must be between 0.1 seconds and 2 minutes.")
            .Validate(o => o.TimestampRetries is >= 0 and <= 5, "Agreements:Seal:TimestampRetries must be between 0 and 5.")
            .Validate(o => o.TimestampRetryDelay >= TimeSpan.Zero && o.TimestampRetryDelay <= TimeSpan.FromSeconds(30),
                "Agreements:Seal:TimestampRetryDelay must be between 0 and 30 seconds.")
            .ValidateOnStart();
        builder.Services.AddSingleton<TimestampAuthorities>();
        builder.Services.AddHttpClient(TimestampAuthorities.HttpClientName, client =>
            {
                client.MaxResponseContentBufferSize = MaxResponseBytes;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("TrustPortal");
                // The resilience pipeline's total timeout is the real limit.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddStandardResilienceHandler()
            .Configure((resilience, services) => Configure(resilience, services.GetRequiredService<IOptions<TimestampOptions>>().Value))
            .SelectPipelineByAuthority();
    }

    private static void Configure(HttpStandardResilienceOptions resilience, TimestampOptions o)
    {
        var timeout = o.TimestampTimeout;
        resilience.AttemptTimeout.Timeout = timeout;
        resilience.Retry.MaxRetryAttempts = Math.Max(o.TimestampRetries, 1);
        if (o.TimestampRetries == 0)
        {
            resilience.Retry.ShouldHandle = _ => ValueTask.FromResult(false);
        }
        resilience.Retry.ShouldRetryAfterHeader = false;
        resilience.Retry.Delay = o.TimestampRetryDelay;
        // Every attempt, plus each wait (exponential from the first delay), plus a second's slack.
        var waits = Enumerable.Range(0, o.TimestampRetries).Sum(i => o.TimestampRetryDelay.TotalMilliseconds * Math.Pow(2, i) * 1.5);
        resilience.TotalRequestTimeout.Timeout = timeout * (o.TimestampRetries + 1) + TimeSpan.FromMilliseconds(waits) + TimeSpan.FromSeconds(1);
        // The breaker's window must be at least twice an attempt's timeout.
        resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, timeout.Ticks * 2));
    }

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
