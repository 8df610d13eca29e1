using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Identity;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Security;

/// <summary>Staff pages need a session that passed two-factor authentication (Identity marks it with amr = mfa).</summary>
public sealed class StaffMfaRequirement : AuthorizationHandler<StaffMfaRequirement>, IAuthorizationRequirement
{
    public static bool IsSatisfiedBy(ClaimsPrincipal user) => user.HasClaim("amr", "mfa");

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, StaffMfaRequirement requirement)
    {
        if (IsSatisfiedBy(context.User))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

/// <summary>
/// When only the second factor is missing, send staff to set it up (or, when it is set up but this session skipped
/// it, to sign in again) instead of the access-denied page.
/// </summary>
public sealed class StaffMfaRedirect : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var onlyMfaMissing = authorizeResult.Forbidden
            && authorizeResult.AuthorizationFailure?.FailedRequirements is { } failed
            && failed.Any() && failed.All(r => r is StaffMfaRequirement);
        if (!onlyMfaMissing)
        {
            await fallback.HandleAsync(next, context, policy, authorizeResult);
            return;
        }
        var users = context.RequestServices.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.GetUserAsync(context.User);
        var returnUrl = Uri.EscapeDataString(context.Request.Path + context.Request.QueryString);
        if (user is not null && await users.GetTwoFactorEnabledAsync(user))
        {
            await context.RequestServices.GetRequiredService<SignInManager<ApplicationUser>>().SignOutAsync();
            context.Response.Redirect($"/Account/Login?ReturnUrl={returnUrl}");
            return;
        }
        context.Response.Redirect("/Account/Manage/EnableAuthenticator?staff=required");
    }
}
