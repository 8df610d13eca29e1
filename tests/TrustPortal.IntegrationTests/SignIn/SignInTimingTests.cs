using TrustPortal.Testing;

namespace TrustPortal.IntegrationTests.SignIn;

/// <summary>A portal that never throttles, so many wrong passwords in a row all reach the password check.</summary>
public sealed class UnthrottledPortal : PortalFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["SignIn:FreeFailures"] = "100000",
        ["SignIn:AccountCeiling"] = "200000",
    };
}

/// <summary>How long a wrong password takes must not tell whether the address has an account.</summary>
public sealed class SignInTimingTests(UnthrottledPortal portal) : IClassFixture<UnthrottledPortal>
{
    private const int Rounds = 20;

    [Fact]
    public async Task WrongPassword_ForARealAccount_TakesAboutAsLongAsForAnUnknownOne()
    {
        const string known = "customer@acme.example";
        var unknown = $"nobody-{Guid.NewGuid():N}@acme.example";
        using var client = new PortalClient(portal.BaseAddress);
        for (var warmUp = 0; warmUp < 3; warmUp++)
        {
            await AttemptAsync(client, known);
            await AttemptAsync(client, unknown);
        }

        var forKnown = new List<double>();
        var forUnknown = new List<double>();
        // Interleaved, so a busy moment on the machine slows both sides alike.
        for (var round = 0; round < Rounds; round++)
        {
            forKnown.Add(await AttemptAsync(client, known));
            forUnknown.Add(await AttemptAsync(client, unknown));
        }

        var knownMedian = Median(forKnown);
        var unknownMedian = Median(forUnknown);
        Assert.True(unknownMedian >= 0.5 * knownMedian,
            $"Median for an unknown address {unknownMedian:0.0} ms, for a real account {knownMedian:0.0} ms: the difference tells them apart.");
    }

    private static async Task<double> AttemptAsync(PortalClient client, string email)
    {
        var (response, elapsed) = await client.SubmitFormTimedAsync("/Account/Login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = "Wrong-Passw0rd-1",
        });
        using (response)
        {
            Assert.Contains("Invalid login attempt", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        return elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }
}
