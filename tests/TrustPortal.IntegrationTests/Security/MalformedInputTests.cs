using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Agreements.Library;

namespace TrustPortal.IntegrationTests.Security;

/// <summary>
/// Odd input is the caller's mistake, never the server's: every route the app maps, with the query and form parameters
/// its endpoint data declares ([SupplyParameterFromQuery] properties of its page, the parameters of its minimal API
/// handler) and its route values, each given malformed values, as an anonymous visitor, a customer and a staff member
/// signed in with two factors. No answer may be a 5xx, reflect markup, or redirect to another site.
/// </summary>
public sealed class MalformedInputTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Script = "<script>alert(1)</script>";

    /// <summary>Decoded values, escaped into the URL or form as a browser would send them.</summary>
    private static readonly string[] MalformedValues =
    [
        "abc", "999999999999", "-1", "0", "1.5", "1e309", "", " ", "\t", "line\r\nbreak", "nul\0", "\u007F", "maybe",
        "not-a-guid", "00000000-0000-0000-0000-000000000000", "2026-13-45",
        "https://evil.example/", "//evil.example/", "/\\evil.example", "/\t/evil.example", "/evil.example", "http://localhost@evil.example/",
        "javascript:alert(1)", Script, "%zz", "\u202Egnp.exe", "é🚀", new('x', 4000),
    ];

    /// <summary>Sent as they are: invalid UTF-8 and a bare percent sign in the raw query.</summary>
    private static readonly string[] RawMalformedValues = ["%FF%FE", "%"];

    private static readonly string[] RouteValues =
    [
        "not-a-guid", "00000000-0000-0000-0000-000000000000", "abc", "999999999999", "maybe", Script, "\t", "%FF", new('x', 300),
    ];

    /// <summary>Endpoints that read the query string themselves rather than through a declared parameter.</summary>
    private static readonly Dictionary<string, IReadOnlyList<string>> QueryReadByHand = new()
    {
        [AgreementExport.Path] = AgreementFilter.QueryKeys,
    };

    /// <summary>A valid value for a route parameter, so that the query parameters behind it are reached.</summary>
    private static readonly Dictionary<string, string> ValidRouteValues = new(StringComparer.OrdinalIgnoreCase) { ["mode"] = "dark" };

    public static TheoryData<string> HostileReturnUrls => new()
    {
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "\\\\evil.example",
        "/\t/evil.example",
        "/evil.example",
        "http://localhost@evil.example/",
        "javascript:alert(1)",
        "~//evil.example",
        new string('/', 2000),
        "/é🚀",
    };

    [Fact]
    public async Task EveryRoute_WithMalformedQueryAndRouteValues_AnswersWithoutServerErrorOrLeavingTheSite()
    {
        var routes = MappedRoutes();
        Assert.Contains(routes, r => r.Pattern == "/commitments/history" && r.Query.Contains("from"));
        Assert.Contains(routes, r => r.Pattern == "/theme/{mode}" && r.Query.Contains("returnUrl"));

        var companions = await ValidQueryValuesAsync();
        var failures = new ConcurrentBag<string>();
        var clients = await ClientsAsync();
        var requests = 0;
        await Task.WhenAll(clients.Select(async client =>
        {
            foreach (var route in routes.Where(r => r.Get))
            {
                foreach (var url in GetUrls(route, companions))
                {
                    using var response = await client.Http.GetAsync(url);
                    Interlocked.Increment(ref requests);
                    if (await ProblemAsync(response) is { } problem)
                    {
                        failures.Add($"GET {Shorten(url)} as {client.Name}: {problem}");
                    }
                }
            }
        }));

        Assert.True(failures.IsEmpty, $"{failures.Count} of {requests} requests failed:\n{string.Join("\n", failures.Take(60))}");
        DisposeAll(clients);
    }

    [Fact]
    public async Task EveryPostEndpoint_WithMalformedFormValues_AnswersWithoutServerErrorOrLeavingTheSite()
    {
        var routes = MappedRoutes();
        var endpoints = routes.Where(r => r.Post && !r.IsPage)
            // Signing out ends the session the other posts use: last.
            .OrderBy(r => r.Pattern == "/Account/Logout")
            .ToList();
        var pages = routes.Where(r => r.Post && r.IsPage && r.Parameters.Count == 0).ToList();
        Assert.Contains(endpoints, r => r.Pattern == "/Account/PerformExternalLogin" && r.Form.Contains("provider"));

        var failures = new ConcurrentBag<string>();
        var clients = await ClientsAsync();
        await Task.WhenAll(clients.Select(async client =>
        {
            var token = await client.Http.AntiforgeryTokenAsync();
            // A page's form post without a form name, and without any token: refused, not failed.
            foreach (var page in pages)
            {
                await PostAsync(client, page.Pattern, [new("__RequestVerificationToken", token), new("_handler", "no-such-form")], failures);
                await PostAsync(client, page.Pattern, [], failures);
            }
            foreach (var endpoint in endpoints)
            {
                await PostAsync(client, endpoint.Pattern, [], failures);
                foreach (var value in MalformedValues)
                {
                    if (endpoint.Pattern == "/Account/Logout")
                    {
                        // The first sign-out changes who the token belongs to.
                        token = await client.Http.AntiforgeryTokenAsync();
                    }
                    var query = string.Join('&', endpoint.Query.Select(q => $"{q}={Uri.EscapeDataString(value)}"));
                    var url = endpoint.Pattern + (query.Length > 0 ? "?" + query : "");
                    List<KeyValuePair<string, string>> fields = [new("__RequestVerificationToken", token), .. endpoint.Form.Select(f => KeyValuePair.Create(f, value))];
                    await PostAsync(client, url, fields, failures);
                }
            }
        }));

        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(60)));
        DisposeAll(clients);
    }

    /// <summary>The addresses reported in issue 11, each of which answered 500.</summary>
    [Theory]
    [InlineData("/commitments/history?from=abc")]
    [InlineData("/commitments/history?to=999999999999")]
    [InlineData("/commitments/history?from=abc&to=999999999999")]
    [InlineData("/Account/LoginWith2fa?rememberMe=maybe")]
    [InlineData("/theme/dark?returnUrl=%09/evil.example")]
    [InlineData("/theme/dark?returnUrl=/%09/evil.example")]
    public async Task ReportedUrls_AnswerWithoutServerError(string url)
    {
        using var client = new PortalClient(portal.BaseAddress);

        using var response = await client.GetAsync(url);

        Assert.Null(await ProblemAsync(response));
    }

    [Theory]
    [MemberData(nameof(HostileReturnUrls))]
    public async Task SignIn_WithAHostileReturnUrl_EndsOnALocalUrl(string returnUrl)
    {
        using var client = new PortalClient(portal.BaseAddress);

        using var response = await client.SubmitFormAsync($"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = "customer@acme.example",
            ["Input.Password"] = PortalFactory.DemoPassword,
        });

        Assert.True(HttpStatusCode.Redirect == response.StatusCode, await response.Content.ReadAsStringAsync());
        AssertLocal(response);
    }

    [Theory]
    [MemberData(nameof(HostileReturnUrls))]
    public async Task TwoFactorSignIn_WithAHostileReturnUrl_EndsOnALocalUrl(string returnUrl)
    {
        using var client = new PortalClient(portal.BaseAddress);
        using var password = await client.SubmitFormAsync($"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = "legal@trustportal.local",
            ["Input.Password"] = PortalFactory.DemoPassword,
        });
        AssertLocal(password);
        var secondStep = password.Headers.Location!;
        Assert.Contains("/Account/LoginWith2fa", secondStep.OriginalString, StringComparison.Ordinal);

        using var code = await client.SubmitFormAsync(new Uri(portal.BaseAddress, secondStep).PathAndQuery, "login-with-2fa",
            new Dictionary<string, string> { ["Input.TwoFactorCode"] = Totp.Code(PortalFactory.DemoAuthenticatorKey) });

        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        AssertLocal(code);
        Assert.DoesNotContain("/Account/", code.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HostileReturnUrls))]
    public async Task SignOut_WithAHostileReturnUrl_EndsOnALocalUrl(string returnUrl)
    {
        using var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync("customer@acme.example", PortalFactory.DemoPassword);
        var token = await client.AntiforgeryTokenAsync();

        using var response = await client.PostFormAsync("/Account/Logout", [new("__RequestVerificationToken", token), new("returnUrl", returnUrl)]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        AssertLocal(response);
        using var portalPage = await client.GetAsync("/portal");
        Assert.Contains("/Account/Login", portalPage.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HostileReturnUrls))]
    public async Task ThemeSwitch_WithAHostileReturnUrl_EndsOnALocalUrl(string returnUrl)
    {
        using var client = new PortalClient(portal.BaseAddress);

        using var response = await client.GetAsync($"/theme/dark?returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        AssertLocal(response);
    }

    [Fact]
    public async Task ThemeSwitch_WithALocalReturnUrl_GoesBackThere()
    {
        using var client = new PortalClient(portal.BaseAddress);

        using var response = await client.GetAsync($"/theme/dark?returnUrl={Uri.EscapeDataString("/commitments/history?from=1&to=2")}");

        Assert.Equal("/commitments/history?from=1&to=2", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ExternalSignIn_WithAnUnknownProvider_ReturnsToSignInWithAMessage()
    {
        using var client = new PortalClient(portal.BaseAddress);
        var token = await client.AntiforgeryTokenAsync();

        using var response = await client.PostFormAsync("/Account/PerformExternalLogin",
            [new("__RequestVerificationToken", token), new("provider", "NoSuchProvider"), new("returnUrl", "https://evil.example/")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location?.OriginalString);
        var page = await client.GetDocumentAsync("/Account/Login");
        Assert.Contains("That sign-in provider is not available.", page.Body!.TextContent, StringComparison.Ordinal);
    }

    private static void AssertLocal(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString;
        Assert.False(string.IsNullOrEmpty(location), $"{(int)response.StatusCode} without a Location.");
        Assert.True(IsLocal(location!, response.RequestMessage!.RequestUri!), $"Redirected away to {location}");
    }

    /// <summary>Where a browser would go: the same scheme, host and port as the request, or not local.</summary>
    private static bool IsLocal(string location, Uri requestUri)
    {
        // Browsers drop tabs and newlines from a URL before reading it.
        var cleaned = new string(location.Where(c => c is not ('\t' or '\r' or '\n')).ToArray()).Replace('\\', '/');
        return Uri.TryCreate(requestUri, cleaned, out var target)
            && Uri.Compare(target, requestUri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
    }

    /// <summary>What is wrong with an answer to odd input, or null: a 5xx, reflected markup, or a redirect to another site.</summary>
    private static async Task<string?> ProblemAsync(HttpResponseMessage response)
    {
        if ((int)response.StatusCode >= 500)
        {
            return $"{(int)response.StatusCode}";
        }
        if (response.Headers.Location is { } location && !IsLocal(location.OriginalString, response.RequestMessage!.RequestUri!))
        {
            return $"redirected away to {location.OriginalString}";
        }
        if (response.Content.Headers.ContentType?.MediaType == "text/html"
            && (await response.Content.ReadAsStringAsync()).Contains(Script, StringComparison.Ordinal))
        {
            return "reflected markup";
        }
        return null;
    }

    private static async Task PostAsync(Identity client, string url, List<KeyValuePair<string, string>> fields, ConcurrentBag<string> failures)
    {
        using var response = await client.Http.PostFormAsync(url, fields);
        if (await ProblemAsync(response) is { } problem)
        {
            var values = string.Join("&", fields.Where(f => f.Key != "__RequestVerificationToken").Select(f => $"{f.Key}={Shorten(f.Value)}"));
            failures.Add($"POST {Shorten(url)} [{values}] as {client.Name}: {problem}");
        }
    }

    private static IEnumerable<string> GetUrls(RouteShape route, Dictionary<string, string> companions)
    {
        var path = Fill(route, null);
        yield return path;
        foreach (var parameter in route.Parameters.Select(p => p.Name))
        {
            foreach (var value in RouteValues)
            {
                yield return Fill(route, (parameter, value == "%FF" ? value : Uri.EscapeDataString(value)));
            }
        }
        if (route.Query.Count == 0)
        {
            yield break;
        }
        foreach (var encoded in MalformedValues.Select(Uri.EscapeDataString).Concat(RawMalformedValues))
        {
            // Each parameter alone, the others valid where a valid value is known (so the page reads this one), then
            // all of them together.
            foreach (var name in route.Query)
            {
                var others = route.Query.Where(o => o != name && companions.ContainsKey(o))
                    .Select(o => $"&{o}={Uri.EscapeDataString(companions[o])}");
                yield return $"{path}?{name}={encoded}{string.Concat(others)}";
            }
            if (route.Query.Count > 1)
            {
                yield return path + "?" + string.Join('&', route.Query.Select(name => $"{name}={encoded}"));
            }
        }
        // A parameter given twice.
        yield return path + "?" + string.Join('&', route.Query.SelectMany(name => new[] { $"{name}=1", $"{name}=2" }));
    }

    private static string Fill(RouteShape route, (string Name, string Encoded)? malformed)
    {
        var path = route.Pattern;
        foreach (var parameter in route.Parameters)
        {
            var value = malformed is { } m && m.Name == parameter.Name ? m.Encoded
                : ValidRouteValues.TryGetValue(parameter.Name, out var valid) ? valid
                : Guid.NewGuid().ToString();
            path = path.Replace(parameter.Text, value, StringComparison.Ordinal);
        }
        return path;
    }

    private static string Shorten(string text) => text.Length > 120 ? $"{text[..120]}… ({text.Length} chars)" : text;

    private sealed record RouteParameter(string Name, string Text);

    /// <summary>A route as its endpoint data describes it: which methods, route values, query and form parameters.</summary>
    private sealed record RouteShape(string Pattern, bool IsPage, bool Get, bool Post, IReadOnlyList<RouteParameter> Parameters,
        IReadOnlyList<string> Query, IReadOnlyList<string> Form);

    private List<RouteShape> MappedRoutes()
    {
        _ = portal.BaseAddress;
        return portal.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
            // Blazor's own framework routes, and the catch-all fallback (any address that matches nothing: a 404).
            .Where(e => e.RoutePattern.RawText is { } raw && !raw.TrimStart('/').StartsWith('_') && !raw.Contains("{*", StringComparison.Ordinal))
            .Select(Describe)
            .GroupBy(r => r.Pattern)
            .Select(g => g.Aggregate((a, b) => a with
            {
                Get = a.Get || b.Get,
                Post = a.Post || b.Post,
                Query = [.. a.Query.Union(b.Query)],
                Form = [.. a.Form.Union(b.Form)],
            }))
            .OrderBy(r => r.Pattern, StringComparer.Ordinal)
            .ToList();
    }

    private static RouteShape Describe(RouteEndpoint endpoint)
    {
        var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
        var raw = endpoint.RoutePattern.RawText ?? "";
        var parameters = endpoint.RoutePattern.Parameters
            .Select(p => new RouteParameter(p.Name, ParameterText(raw, p)))
            .ToList();
        var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
        var get = methods is null || methods.Contains(HttpMethods.Get);
        var post = methods is null || methods.Contains(HttpMethods.Post);
        var query = new List<string>();
        var form = new List<string>();
        var page = endpoint.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type;
        if (page is not null)
        {
            query.AddRange(QueryProperties(page));
        }
        else if (endpoint.Metadata.GetMetadata<MethodInfo>() is { } handler)
        {
            foreach (var parameter in handler.GetParameters())
            {
                var name = parameter.Name ?? "";
                if (parameter.GetCustomAttribute<FromFormAttribute>() is { } fromForm)
                {
                    form.Add(fromForm.Name ?? name);
                }
                else if (parameter.GetCustomAttribute<FromQueryAttribute>() is { } fromQuery)
                {
                    query.Add(fromQuery.Name ?? name);
                }
                else if (IsBoundFromText(parameter) && parameters.All(p => !p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
                {
                    query.Add(name);
                }
            }
        }
        if (QueryReadByHand.TryGetValue(pattern, out var byHand))
        {
            query.AddRange(byHand);
        }
        return new RouteShape(pattern, page is not null, get, post, parameters, query.Distinct().ToList(), form.Distinct().ToList());
    }

    private static string ParameterText(string raw, RoutePatternParameterPart parameter)
    {
        var start = raw.IndexOf("{" + parameter.Name, StringComparison.OrdinalIgnoreCase);
        return raw[start..(raw.IndexOf('}', start) + 1)];
    }

    /// <summary>Every [SupplyParameterFromQuery] property of a component, by the name it reads.</summary>
    private static IEnumerable<string> QueryProperties(Type component) =>
        component.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
            .Where(p => p.Attribute is not null)
            .Select(p => p.Attribute!.Name ?? p.Property.Name);

    /// <summary>A minimal API parameter that comes from the query by default: text, or a type with TryParse.</summary>
    private static bool IsBoundFromText(ParameterInfo parameter)
    {
        if (parameter.GetCustomAttributes().Any(a => a is FromServicesAttribute or FromBodyAttribute or FromHeaderAttribute or FromRouteAttribute or AsParametersAttribute))
        {
            return false;
        }
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        return type == typeof(string)
            || type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), type.MakeByRefType()]) is not null;
    }

    /// <summary>Real values for query parameters that guard the others (a link's user id, say).</summary>
    private async Task<Dictionary<string, string>> ValidQueryValuesAsync()
    {
        await using var db = portal.CreateDbContext();
        var customer = await db.Users.Where(u => u.Email == "customer@acme.example").Select(u => u.Id).FirstAsync();
        return new(StringComparer.OrdinalIgnoreCase) { ["userId"] = customer, ["email"] = "customer@acme.example" };
    }

    private sealed record Identity(string Name, PortalClient Http);

    private async Task<Identity[]> ClientsAsync()
    {
        var anonymous = new PortalClient(portal.BaseAddress);
        var customer = new PortalClient(portal.BaseAddress);
        await customer.SignInAsync("customer@acme.example", PortalFactory.DemoPassword);
        // Legal signs in with password and authenticator code.
        var staff = new PortalClient(portal.BaseAddress);
        await staff.SignInAsync("legal@trustportal.local", PortalFactory.DemoPassword);
        return [new("anonymous", anonymous), new("customer", customer), new("staff (2FA)", staff)];
    }

    private static void DisposeAll(IEnumerable<Identity> clients)
    {
        foreach (var client in clients)
        {
            client.Http.Dispose();
        }
    }
}
