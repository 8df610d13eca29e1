using System.Net;
using System.Net.Sockets;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace TrustPortal.Testing;

/// <summary>
/// An HTTP client that behaves like a browser without script: keeps cookies, does not follow redirects on its own,
/// and submits the portal's server-rendered forms with their antiforgery token.
/// </summary>
public sealed class PortalClient : IDisposable
{
    private readonly HttpClient http;

    /// <param name="baseAddress">The portal.</param>
    /// <param name="from">
    /// A loopback address to connect from (127.0.0.2, 127.0.0.3 …), so the portal sees a different client address, as
    /// it would for another network. Null: the system's choice (127.0.0.1).
    /// </param>
    public PortalClient(Uri baseAddress, IPAddress? from = null)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true };
        if (from is not null)
        {
            handler.ConnectCallback = (context, cancellationToken) => ConnectFromAsync(from, context.DnsEndPoint, cancellationToken);
        }
        http = new HttpClient(handler) { BaseAddress = baseAddress };
    }

    private static async ValueTask<Stream> ConnectFromAsync(IPAddress from, DnsEndPoint server, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(server.Host, from.AddressFamily, cancellationToken);
        var socket = new Socket(from.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(from, 0));
            await socket.ConnectAsync(addresses, server.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public Task<HttpResponseMessage> GetAsync(string url) => http.GetAsync(url);

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => http.SendAsync(request);

    public async Task<IHtmlDocument> GetDocumentAsync(string url)
    {
        using var response = await http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return await ParseAsync(response);
    }

    /// <summary>Fills the form named <paramref name="formName"/> on the page and posts it; returns the raw response.</summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(string url, string formName, IDictionary<string, string> fields)
    {
        var (action, content) = await FillFormAsync(url, formName, fields);
        using (content)
        {
            return await http.PostAsync(action, content);
        }
    }

    /// <summary>As <see cref="SubmitFormAsync"/>, and how long the portal took to answer the post (loading the form not counted).</summary>
    public async Task<(HttpResponseMessage Response, TimeSpan Elapsed)> SubmitFormTimedAsync(string url, string formName, IDictionary<string, string> fields)
    {
        var (action, content) = await FillFormAsync(url, formName, fields);
        using (content)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var response = await http.PostAsync(action, content);
            await response.Content.LoadIntoBufferAsync();
            return (response, clock.Elapsed);
        }
    }

    /// <summary>Posts a form from a page already loaded (for example one a post answered with), as a browser would.</summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(IHtmlDocument page, string url, string formName, IDictionary<string, string> fields)
    {
        var (action, content) = FillForm(page, url, formName, fields);
        using (content)
        {
            return await http.PostAsync(action, content);
        }
    }

    private async Task<(string Action, FormUrlEncodedContent Content)> FillFormAsync(string url, string formName, IDictionary<string, string> fields) =>
        FillForm(await GetDocumentAsync(url), url, formName, fields);

    private static (string Action, FormUrlEncodedContent Content) FillForm(IHtmlDocument page, string url, string formName, IDictionary<string, string> fields)
    {
        var form = page.Forms.FirstOrDefault(f => f.QuerySelector($"input[name='_handler'][value='{formName}']") is not null)
            ?? throw new InvalidOperationException($"No form '{formName}' on {url}.");
        // What a browser sends untouched: hidden fields, and checkboxes that are ticked when the page loads.
        var values = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden], input[type=checkbox][checked]")
            .Where(i => !string.IsNullOrEmpty(i.Name))
            .ToDictionary(i => i.Name!, i => i.Type == "checkbox" && string.IsNullOrEmpty(i.GetAttribute("value")) ? "on" : i.Value);
        foreach (var (key, value) in fields)
        {
            values[key] = value;
        }
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? url : form.GetAttribute("action")!;
        return (action, new FormUrlEncodedContent(values));
    }

    /// <summary>The antiforgery token that a page's forms carry for this client's cookie and user.</summary>
    public async Task<string> AntiforgeryTokenAsync(string url = "/Account/Login")
    {
        var page = await GetDocumentAsync(url);
        return page.QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")?.Value
            ?? throw new InvalidOperationException($"No antiforgery token on {url}.");
    }

    /// <summary>Posts form fields as they are, without reading a form first: for endpoints that have no page of their own.</summary>
    public Task<HttpResponseMessage> PostFormAsync(string url, IEnumerable<KeyValuePair<string, string>> fields) =>
        http.PostAsync(url, new FormUrlEncodedContent(fields));

    /// <summary>Signs in; staff with two-factor authentication also enter a code for <paramref name="authenticatorKey"/>.</summary>
    public async Task SignInAsync(string email, string password, string authenticatorKey = PortalFactory.DemoAuthenticatorKey)
    {
        using var response = await SubmitFormAsync("/Account/Login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode}.");
        }
        var location = response.Headers.Location?.OriginalString ?? "";
        if (location.Contains("/Account/Lockout", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Sign-in as {email} refused: the account is locked out.");
        }
        if (!location.Contains("/Account/LoginWith2fa", StringComparison.Ordinal))
        {
            return;
        }
        var secondStep = new Uri(new Uri(http.BaseAddress!, "/"), location).PathAndQuery;
        using var verified = await SubmitFormAsync(secondStep, "login-with-2fa", new Dictionary<string, string>
        {
            ["Input.TwoFactorCode"] = Totp.Code(authenticatorKey),
        });
        if (verified.StatusCode != HttpStatusCode.Redirect || verified.Headers.Location?.OriginalString.Contains("/Account/", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"Two-factor sign-in as {email} failed: {(int)verified.StatusCode} {verified.Headers.Location}.");
        }
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    public void Dispose() => http.Dispose();
}
