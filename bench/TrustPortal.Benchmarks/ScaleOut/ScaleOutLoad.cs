using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using netDumbster.smtp;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Dpa;

namespace TrustPortal.Benchmarks.ScaleOut;

/// <summary>
/// One request as a user met it: when it started and ended (seconds into the run), what went wrong, and which instance
/// nginx sent it to (its X-Upstream header: "127.0.0.1:port", several when it tried the next; null without an answer).
/// </summary>
public sealed record Outcome(string Kind, double StartSeconds, double EndSeconds, string? Error, string? Upstream = null)
{
    public double Milliseconds => (EndSeconds - StartSeconds) * 1000;

    public static string? UpstreamOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Upstream", out var values) ? string.Join(", ", values) : null;
}

/// <summary>
/// Users through nginx, each from its own loopback address (so the consistent hash spreads them over the instances
/// as it would spread real clients) with its own cookies. One user in ten is a signatory who opens an emailed signing
/// link, asks for the code, reads it from the email the SMTP server received and enters it, then signs; the others read
/// public pages. Nobody waits between requests (a signatory waits only for the code's email).
/// </summary>
public sealed partial class ScaleOutLoad(Uri publicUrl, ConcurrentQueue<SigningLink> links, SimpleSmtpServer smtp, Stopwatch clock)
{
    private static readonly string[] PublicPages = ["/", "/commitments", "/compliance", "/subprocessors", "/verify"];

    /// <summary>How long a signatory waits for the code's email: beyond a dead sender's lease (Email:SendLease, 10 s).</summary>
    private static readonly TimeSpan CodeEmailTimeout = TimeSpan.FromSeconds(60);

    private readonly ScaleOutMailbox mailbox = new(smtp);

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
        string? upstream = null;
        try
        {
            using var response = await client.GetAsync(path);
            upstream = Outcome.UpstreamOf(response);
            await response.Content.ReadAsByteArrayAsync();
            error = response.IsSuccessStatusCode ? null : $"GET {path}: {(int)response.StatusCode}";
        }
        catch (HttpRequestException exception)
        {
            error = $"GET {path}: {exception.Message}";
        }
        Outcomes.Add(new Outcome("page", start, clock.Elapsed.TotalSeconds, error, upstream));
    }

    /// <summary>
    /// A signatory with one browser (<paramref name="client"/>, whose cookies carry the confirmed code): the link's page,
    /// then the code round trip (outcome "emailed code": "Email me a code", the email, the code entered), then the
    /// signature (outcome "signature": the POST of the sign form).
    /// </summary>
    private async Task SignAsync(PortalClient client, SigningLink link)
    {
        var start = clock.Elapsed.TotalSeconds;
        IHtmlDocument page;
        try
        {
            using var response = await client.GetAsync(link.Path);
            if (!response.IsSuccessStatusCode)
            {
                Outcomes.Add(new Outcome("signing page", start, clock.Elapsed.TotalSeconds, $"GET signing page: {(int)response.StatusCode}", Outcome.UpstreamOf(response)));
                return;
            }
            page = await PortalClient.ParseAsync(response);
            Outcomes.Add(new Outcome("signing page", start, clock.Elapsed.TotalSeconds, null, Outcome.UpstreamOf(response)));
        }
        catch (HttpRequestException exception)
        {
            Outcomes.Add(new Outcome("signing page", start, clock.Elapsed.TotalSeconds, $"GET signing page: {exception.Message}"));
            return;
        }
        start = clock.Elapsed.TotalSeconds;
        var (signForm, codeError, codeUpstream) = await ConfirmAddressAsync(client, link, page);
        Outcomes.Add(new Outcome("emailed code", start, clock.Elapsed.TotalSeconds, codeError, codeUpstream));
        if (signForm is null)
        {
            return;
        }
        start = clock.Elapsed.TotalSeconds;
        string? error;
        string? upstream = null;
        try
        {
            using var response = await client.SubmitFormAsync(signForm, link.Path, DpaSignByLinkForms.Sign,
                new Dictionary<string, string> { ["Input.TypedName"] = "Sam Signer", ["Input.Consent"] = "true" });
            upstream = Outcome.UpstreamOf(response);
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
        Outcomes.Add(new Outcome("signature", start, clock.Elapsed.TotalSeconds, error, upstream));
    }

    /// <summary>
    /// "Email me a code" on <paramref name="page"/>, the code from the newest code email to the link's address that
    /// arrived after asking, entered in the form the answer shows. Returns the page with the sign form, or why not.
    /// </summary>
    private async Task<(IHtmlDocument? SignForm, string? Error, string? Upstream)> ConfirmAddressAsync(PortalClient client, SigningLink link, IHtmlDocument page)
    {
        var before = mailbox.CodeCount(link.Email);
        IHtmlDocument sent;
        try
        {
            using var response = await client.SubmitFormAsync(page, link.Path, DpaSignByLinkForms.SendCode, new Dictionary<string, string>());
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"POST send code: {(int)response.StatusCode}", Outcome.UpstreamOf(response));
            }
            sent = await PortalClient.ParseAsync(response);
        }
        catch (HttpRequestException exception)
        {
            return (null, $"POST send code: {exception.Message}", null);
        }
        if (!(sent.Body?.TextContent ?? "").Contains("We emailed a code", StringComparison.Ordinal))
        {
            return (null, $"POST send code: no code sent: {Shown(sent)}", null);
        }
        if (await mailbox.NewestCodeAsync(link.Email, before, CodeEmailTimeout) is not { } code)
        {
            return (null, $"no code email within {CodeEmailTimeout.TotalSeconds:0} s", null);
        }
        try
        {
            using var response = await client.SubmitFormAsync(sent, link.Path, DpaSignByLinkForms.VerifyCode,
                new Dictionary<string, string> { ["Code.Value"] = code });
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"POST code: {(int)response.StatusCode}", Outcome.UpstreamOf(response));
            }
            var verified = await PortalClient.ParseAsync(response);
            return verified.QuerySelector("input[name='Input.TypedName']") is not null
                ? (verified, null, Outcome.UpstreamOf(response))
                : (null, $"POST code: no sign form: {Shown(verified)}", Outcome.UpstreamOf(response));
        }
        catch (HttpRequestException exception)
        {
            return (null, $"POST code: {exception.Message}", null);
        }
    }

    /// <summary>What the page says went wrong, short enough to group the run's errors by.</summary>
    private static string Shown(IHtmlDocument page)
    {
        var text = (page.QuerySelector("#code-error") ?? page.QuerySelector("[role=alert]") ?? page.QuerySelector("h1"))?.TextContent.Trim() ?? "(empty page)";
        return text.Length <= 120 ? text : text[..120];
    }

    [GeneratedRegex(@"executed as <strong>(DPA-\d{4}-\d{6})</strong>")]
    private static partial Regex Executed();
}
