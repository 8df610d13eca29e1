using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using TrustPortal.Testing;

namespace TrustPortal.Benchmarks.ScaleOut;

/// <summary>One request as a user met it: when it started and ended (seconds into the run) and what went wrong.</summary>
public sealed record Outcome(string Kind, double StartSeconds, double EndSeconds, string? Error)
{
    public double Milliseconds => (EndSeconds - StartSeconds) * 1000;
}

/// <summary>
/// Users through nginx, each from its own loopback address (so the consistent hash spreads them over the instances
/// as it would spread real clients) with its own cookies. One user in ten is a signatory who opens an emailed signing
/// link and signs; the others read public pages. Nobody waits between requests.
/// </summary>
public sealed partial class ScaleOutLoad(Uri publicUrl, ConcurrentQueue<string> links, Stopwatch clock)
{
    private static readonly string[] PublicPages = ["/", "/commitments", "/compliance", "/subprocessors", "/verify"];

    public ConcurrentBag<Outcome> Outcomes { get; } = [];

    /// <summary>Agreement numbers the signing page confirmed to a signatory.</summary>
    public ConcurrentBag<string> Acknowledged { get; } = [];

    public Task RunAsync(int users, TimeSpan duration)
    {
        var stop = clock.Elapsed + duration;
        return Task.WhenAll(Enumerable.Range(0, users).Select(user => Task.Run(async () =>
        {
            using var client = new PortalClient(publicUrl, new IPAddress([127, 0, (byte)(1 + user / 250), (byte)(2 + user % 250)]));
            var random = new Random(user);
            while (clock.Elapsed < stop)
            {
                if (user % 10 == 0 && links.TryDequeue(out var link))
                {
                    await SignAsync(client, link);
                }
                else
                {
                    await ReadAsync(client, PublicPages[random.Next(PublicPages.Length)]);
                }
            }
        })));
    }

    private async Task ReadAsync(PortalClient client, string path)
    {
        var start = clock.Elapsed.TotalSeconds;
        string? error = null;
        try
        {
            using var response = await client.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            error = response.IsSuccessStatusCode ? null : $"GET {path}: {(int)response.StatusCode}";
        }
        catch (HttpRequestException exception)
        {
            error = $"GET {path}: {exception.Message}";
        }
        Outcomes.Add(new Outcome("page", start, clock.Elapsed.TotalSeconds, error));
    }

    private async Task SignAsync(PortalClient client, string link)
    {
        var start = clock.Elapsed.TotalSeconds;
        AngleSharp.Html.Dom.IHtmlDocument page;
        try
        {
            page = await client.GetDocumentAsync(link);
            Outcomes.Add(new Outcome("signing page", start, clock.Elapsed.TotalSeconds, null));
        }
        catch (HttpRequestException exception)
        {
            Outcomes.Add(new Outcome("signing page", start, clock.Elapsed.TotalSeconds, $"GET signing page: {exception.Message}"));
            return;
        }
        start = clock.Elapsed.TotalSeconds;
        string? error;
        try
        {
            using var response = await client.SubmitFormAsync(page, link, "sign-dpa",
                new Dictionary<string, string> { ["Input.TypedName"] = "Sam Signer", ["Input.Consent"] = "true" });
            var body = await response.Content.ReadAsStringAsync();
            var executed = Executed().Match(body);
            if (response.IsSuccessStatusCode && executed.Success)
            {
                Acknowledged.Add(executed.Groups[1].Value);
                error = null;
            }
            else
            {
                error = $"POST signing page: {(int)response.StatusCode}{(response.IsSuccessStatusCode ? " without an executed number" : "")}";
            }
        }
        catch (HttpRequestException exception)
        {
            error = $"POST signing page: {exception.Message}";
        }
        Outcomes.Add(new Outcome("signature", start, clock.Elapsed.TotalSeconds, error));
    }

    [GeneratedRegex(@"executed as <strong>(DPA-\d{4}-\d{6})</strong>")]
    private static partial Regex Executed();
}
