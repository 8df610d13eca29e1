using TrustPortal.Testing;

namespace TrustPortal.IntegrationTests.Sealing;

/// <summary>The portal with two time-stamp authorities configured, both served by one real test TSA under the names "primary" and "secondary".</summary>
public sealed class TimestampedPortal : PortalFactory
{
    public TestTimestampAuthority Authority { get; } = new();

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Agreements:Seal:TimestampUrls:0"] = Authority.Url("primary"),
        ["Agreements:Seal:TimestampUrls:1"] = Authority.Url("secondary"),
        ["Agreements:Seal:TimestampRetries"] = "1",
        ["Agreements:Seal:TimestampRetryDelay"] = "00:00:00.050",
        ["Agreements:Seal:TimestampTimeout"] = "00:00:05",
    };

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Authority.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
