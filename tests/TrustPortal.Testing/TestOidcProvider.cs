using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace TrustPortal.Testing;

/// <summary>A person at the test provider: their stable subject, email, groups, and whether the sign-in used MFA.</summary>
public sealed record TestIdpUser(string Subject, string Email, string Name, IReadOnlyList<string> Groups, bool EmailVerified = true, bool Mfa = true);

/// <summary>
/// A real OpenID Connect provider (OpenIddict's server) on its own Kestrel port: discovery, authorization code with
/// PKCE, signed ID tokens. Its sign-in page lists the people added with <see cref="AddUser"/>; choosing one signs in at
/// the provider. The provider's own store is a SQLite file of its own.
/// </summary>
public sealed class TestOidcProvider : IAsyncDisposable
{
    public const string ClientId = "trustportal";
    public const string ClientSecret = "test-client-secret-for-trustportal";
    private const string CookieScheme = "idp";

    private readonly WebApplication app;
    private readonly string storePath = Path.Combine(Path.GetTempPath(), "trustportal-tests", $"idp-{Guid.NewGuid():N}.db");
    private readonly ConcurrentDictionary<string, TestIdpUser> people = new(StringComparer.Ordinal);

    public TestOidcProvider()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(storePath)!);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddDbContext<DbContext>(o => o.UseSqlite($"Data Source={storePath}").UseOpenIddict());
        builder.Services.AddAuthentication(CookieScheme).AddCookie(CookieScheme, o =>
        {
            o.LoginPath = "/login";
            o.Cookie.Name = "test-idp";
        });
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<DbContext>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.Email, Scopes.Profile);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
                o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            });
        app = builder.Build();
        app.UseAuthentication();
        app.MapGet("/login", LoginPage);
        app.MapPost("/login", (Delegate)ChooseAsync);
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (Delegate)AuthorizeAsync);
        app.MapPost("/connect/token", (Delegate)TokenAsync);
        using (var scope = app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<DbContext>().Database.EnsureCreated();
        }
        app.StartAsync().GetAwaiter().GetResult();
        Authority = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/') + "/";
    }

    /// <summary>The issuer, as the portal's Authentication:Oidc:Authority.</summary>
    public string Authority { get; }

    public void AddUser(TestIdpUser user) => people[user.Subject] = user;

    /// <summary>Registers the portal as a confidential client that may come back to its /signin-oidc.</summary>
    public async Task RegisterPortalAsync(Uri portal)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var clients = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (await clients.FindByClientIdAsync(ClientId) is { } existing)
        {
            await clients.DeleteAsync(existing);
        }
        await clients.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            ClientType = ClientTypes.Confidential,
            DisplayName = "TrustPortal",
            RedirectUris = { new Uri(portal, "signin-oidc") },
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code,
                Permissions.Scopes.Email, Permissions.Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        });
    }

    /// <summary>The portal's settings for this provider, with <paramref name="roleMap"/> as its group → role map.</summary>
    public Dictionary<string, string?> PortalSettings(IDictionary<string, string> roleMap, bool disablePasswordsForStaff = false)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Authentication:Oidc:Authority"] = Authority,
            ["Authentication:Oidc:ClientId"] = ClientId,
            ["Authentication:Oidc:ClientSecret"] = ClientSecret,
            ["Authentication:Oidc:DisplayName"] = "Test IdP",
            ["Authentication:Oidc:RequireHttpsMetadata"] = "false",
            ["Authentication:Oidc:DisablePasswordSignInForStaff"] = disablePasswordsForStaff ? "true" : "false",
        };
        foreach (var (group, role) in roleMap)
        {
            settings[$"Authentication:Oidc:RoleMap:{group}"] = role;
        }
        return settings;
    }

    private IResult LoginPage(string? returnUrl)
    {
        var buttons = string.Join("", people.Values.OrderBy(p => p.Subject, StringComparer.Ordinal).Select(p =>
            $"<button type=\"submit\" name=\"subject\" value=\"{WebUtility.HtmlEncode(p.Subject)}\">{WebUtility.HtmlEncode(p.Name)} ({WebUtility.HtmlEncode(p.Email)})</button>"));
        var html = "<!doctype html><html><head><title>Test IdP sign-in</title></head><body><h1>Test IdP</h1>"
            + $"<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"returnUrl\" value=\"{WebUtility.HtmlEncode(returnUrl)}\">{buttons}</form></body></html>";
        return Results.Content(html, "text/html");
    }

    private async Task<IResult> ChooseAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        if (!people.TryGetValue(form["subject"].ToString(), out var person))
        {
            return Results.BadRequest("Unknown person.");
        }
        var identity = new ClaimsIdentity([new Claim(Claims.Subject, person.Subject)], CookieScheme);
        await context.SignInAsync(CookieScheme, new ClaimsPrincipal(identity));
        var returnUrl = form["returnUrl"].ToString();
        return Results.Redirect(returnUrl.StartsWith('/') ? returnUrl : "/");
    }

    private async Task<IResult> AuthorizeAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var signedIn = await context.AuthenticateAsync(CookieScheme);
        if (!signedIn.Succeeded || !people.TryGetValue(signedIn.Principal!.FindFirstValue(Claims.Subject) ?? "", out var person))
        {
            return Results.Challenge(new AuthenticationProperties { RedirectUri = context.Request.Path + context.Request.QueryString }, [CookieScheme]);
        }

        var identity = new ClaimsIdentity("test-idp", Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, person.Subject));
        identity.AddClaim(new Claim(Claims.Email, person.Email));
        identity.AddClaim(new Claim(Claims.EmailVerified, person.EmailVerified ? "true" : "false", ClaimValueTypes.Boolean));
        identity.AddClaim(new Claim(Claims.Name, person.Name));
        foreach (var group in person.Groups)
        {
            identity.AddClaim(new Claim("groups", group));
        }
        foreach (var method in person.Mfa ? ["pwd", "mfa"] : new[] { "pwd" })
        {
            identity.AddClaim(new Claim(Claims.AuthenticationMethodReference, method));
        }
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> TokenAsync(HttpContext context)
    {
        // The code carries the principal made at the authorization endpoint; hand it back as the tokens' contents.
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        return result.Principal is { } principal
            ? Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)
            : Results.Forbid(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { File.Delete(storePath); } catch (IOException) { /* best effort */ }
    }
}
