using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Web.Data;

namespace TrustPortal.Testing;

/// <summary>
/// The whole portal on a real Kestrel port with its own SQLite file and data folder, seeded with the demo data.
/// One instance per test class; the folder is deleted on dispose.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Test-Demo-Passw0rd!";

    /// <summary>The demo staff's authenticator key; <see cref="Totp"/> turns it into sign-in codes.</summary>
    public const string DemoAuthenticatorKey = "TESTKEYFORSTAFFSIGNIN234";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "trustportal-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The portal's clock; a test class that moves time passes a FakeTimeProvider.</summary>
    protected virtual TimeProvider? Clock => null;

    /// <summary>Extra configuration for a test class, e.g. SMTP settings.</summary>
    protected virtual IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    /// <summary>The host's own PostgreSQL database when the run targets PostgreSQL (<see cref="PostgresCluster"/>), else null.</summary>
    public string? PostgresConnectionString { get; }

    public PortalFactory()
    {
        Directory.CreateDirectory(DataDirectory);
        UseKestrel(0);
        PostgresConnectionString = PostgresCluster.IsSelected ? PostgresCluster.Shared.CreateDatabase() : null;
    }

    public Uri BaseAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("ConnectionStrings:DefaultConnection", "Data Source=portal.db");
        if (PostgresConnectionString is not null)
        {
            builder.UseSetting("Database:Provider", "PostgreSQL");
            builder.UseSetting("ConnectionStrings:Postgres", PostgresConnectionString);
        }
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Demo:Password", DemoPassword);
        builder.UseSetting("Demo:AuthenticatorKey", DemoAuthenticatorKey);
        builder.UseSetting("Email:PollInterval", "00:00:00.200");
        // Tests sign in many times from one address; the rate-limit tests set their own, low limits.
        builder.UseSetting("RateLimiting:SignInPerMinute", "100000");
        builder.UseSetting("RateLimiting:RegisterPerHour", "100000");
        builder.UseSetting("RateLimiting:EmailFormsPerAddressPerHour", "100000");
        builder.UseSetting("RateLimiting:VerifyPerMinute", "100000");
        builder.UseSetting("RateLimiting:SubmissionsPerHour", "100000");
        if (Clock is { } clock)
        {
            builder.ConfigureServices(services => services.AddSingleton(clock));
        }
        foreach (var (key, value) in ExtraSettings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>
    /// The claims a signed-in user carries, as the sign-in page would issue them: with the second-factor claim when the
    /// account has an authenticator (all demo staff), unless <paramref name="passwordOnly"/> asks for a session that
    /// skipped it.
    /// </summary>
    public async Task<ClaimsPrincipal> PrincipalForAsync(string email, bool passwordOnly = false)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync(user);
        if (!passwordOnly && await users.GetTwoFactorEnabledAsync(user))
        {
            ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim("amr", "mfa"));
        }
        return principal;
    }

    /// <summary>
    /// A service scope acting as <paramref name="user"/>, as if inside their request: services that read
    /// <c>CurrentUser</c> see that user. Synchronous on purpose: the request context is an async-local value, so it must
    /// be set in the caller's own flow, not inside an awaited method.
    /// </summary>
    public AsyncServiceScope ScopeAs(ClaimsPrincipal user, string ipAddress = "203.0.113.7", string userAgent = "PortalTests/1.0")
    {
        var scope = Services.CreateAsyncScope();
        var context = new DefaultHttpContext { User = user, RequestServices = scope.ServiceProvider };
        context.Connection.RemoteIpAddress = IPAddress.Parse(ipAddress);
        context.Request.Headers.UserAgent = userAgent;
        context.Request.Scheme = BaseAddress.Scheme;
        context.Request.Host = new HostString(BaseAddress.Authority);
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = context;
        return scope;
    }

    /// <summary>A fresh unit of work on the test's database, for arranging and asserting.</summary>
    public AppDbContext CreateDbContext() =>
        Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (PostgresConnectionString is not null)
            {
                using var connection = new Npgsql.NpgsqlConnection(PostgresConnectionString);
                Npgsql.NpgsqlConnection.ClearPool(connection);
            }
            try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { /* best effort */ }
        }
    }
}
