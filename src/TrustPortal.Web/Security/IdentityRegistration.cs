using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using TrustPortal.Web.Components.Account;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.SignIn;

namespace TrustPortal.Web.Security;

public static class IdentityRegistration
{
    public static void AddPortalIdentity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHttpContextAccessor();
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddScoped<CurrentUser>();
        builder.AddSharedDataProtection();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.LoginPath = "/Account/Login";
            options.AccessDeniedPath = "/Account/AccessDenied";
            // Every request, not every 30 minutes: taking rights away ends sessions at once (see SessionCheck).
            options.Events.OnValidatePrincipal = SessionCheck.ValidateCookieAsync;
            // Signing in on the login page makes the cookie handler redirect to the raw ReturnUrl query value, which
            // can be a non-ASCII path that a Location header cannot carry (a 500): send the same local path as the page.
            options.Events.OnRedirectToReturnUrl = context =>
            {
                context.Response.Redirect(LocalUrl.OrHome(context.RedirectUri));
                return Task.CompletedTask;
            };
        });
        services.AddSingleton<SessionCheck>();
        // Should anything still refresh a principal through Identity's validator, keep how the session signed in.
        services.Configure<SecurityStampValidatorOptions>(options => options.OnRefreshingPrincipal = context =>
        {
            if (context.CurrentPrincipal?.FindFirst("amr") is { } amr && context.NewPrincipal?.Identity is ClaimsIdentity identity
                && !identity.HasClaim(amr.Type, amr.Value))
            {
                identity.AddClaim(new Claim(amr.Type, amr.Value));
            }
            return Task.CompletedTask;
        });
        services.AddAuthorizationBuilder().AddPortalPolicies();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, StaffMfaRedirect>();

        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = true;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                // Wrong passwords never lock an account (SignInThrottle slows them per address instead). Identity's
                // lockout still counts wrong second-factor codes, which only someone past the first step can send.
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager<PortalSignInManager>()
            .AddDefaultTokenProviders();
    }
}
