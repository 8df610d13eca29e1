using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace TrustPortal.Web.Features.SignIn;

public static class StaffSsoRegistration
{
    /// <summary>Where a sign-in ends that did not give the person a portal session (see <see cref="StaffSsoOutcome"/>).</summary>
    public const string RefusedPath = "/Account/NoPortalRole";

    /// <summary>
    /// The OpenID Connect handler for staff, when "Authentication:Oidc:Authority" is set: authorization code with PKCE,
    /// the result kept in Identity's external cookie for the ExternalLogin page to turn into a session.
    /// </summary>
    public static void AddStaffSso(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(StaffSsoOptions.Section);
        builder.Services.AddOptions<StaffSsoOptions>()
            .Bind(section)
            .Validate(o => o.Problem() is null, $"{StaffSsoOptions.Section} is not valid; see docs/SSO.md.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => new StaffSsoClaims(sp.GetRequiredService<IOptions<StaffSsoOptions>>().Value));
        builder.Services.AddScoped<StaffSsoSignIn>();

        var settings = section.Get<StaffSsoOptions>() ?? new StaffSsoOptions();
        if (!settings.IsConfigured)
        {
            return;
        }
        if (settings.Problem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
        builder.Services.AddAuthentication().AddOpenIdConnect(StaffSsoOptions.Scheme, settings.DisplayName, options =>
        {
            options.SignInScheme = IdentityConstants.ExternalScheme;
            options.Authority = settings.Authority;
            options.ClientId = settings.ClientId;
            options.ClientSecret = settings.ClientSecret;
            options.ResponseType = "code";
            options.UsePkce = true;
            options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            options.SaveTokens = false;
            options.GetClaimsFromUserInfoEndpoint = settings.GetClaimsFromUserInfoEndpoint;
            options.Scope.Clear();
            foreach (var scope in settings.Scopes.Append("openid").Distinct(StringComparer.Ordinal))
            {
                options.Scope.Add(scope);
            }
            // Claims as the provider names them ("groups", "email_verified", "amr"), not as WS-Federation URIs.
            options.MapInboundClaims = false;
            options.TokenValidationParameters.NameClaimType = "name";
            options.ClaimActions.Remove("amr");
            options.ClaimActions.MapJsonKey(settings.GroupClaim, settings.GroupClaim);
            options.ClaimActions.MapJsonKey("amr", "amr");
            options.ClaimActions.MapUniqueJsonKey("email_verified", "email_verified");
            options.Events.OnTokenValidated = context =>
            {
                // Identity keys the login on the name identifier; the provider's stable id is "sub".
                if (context.Principal?.Identity is ClaimsIdentity identity && identity.FindFirst(ClaimTypes.NameIdentifier) is null
                    && identity.FindFirst("sub") is { } subject)
                {
                    identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, subject.Value));
                }
                return Task.CompletedTask;
            };
            options.Events.OnRemoteFailure = context =>
            {
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StaffSsoRegistration))
                    .LogWarning(context.Failure, "Single sign-on failed.");
                context.Response.Redirect($"{RefusedPath}?reason=failed");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }
}
