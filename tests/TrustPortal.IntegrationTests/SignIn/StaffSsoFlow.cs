using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Data;
using TrustPortal.Web.Security;

namespace TrustPortal.IntegrationTests.SignIn;

/// <summary>
/// Staff single sign-on as a browser without script goes through it: the portal's button, the provider's sign-in page
/// (choosing <paramref name="subject"/>), the provider's form post back, and the portal's callback.
/// </summary>
public static class StaffSsoFlow
{
    /// <summary>Signs in through the provider; returns where the portal's callback sends the browser.</summary>
    public static async Task<string> SignInAsync(PortalClient client, SsoPortal portal, string subject)
    {
        var token = await client.AntiforgeryTokenAsync();
        using var challenge = await client.PostFormAsync("/Account/PerformExternalLogin", new Dictionary<string, string>
        {
            ["provider"] = "oidc",
            ["ReturnUrl"] = "",
            ["__RequestVerificationToken"] = token,
        });
        var authorize = Location(challenge, portal.BaseAddress);
        Assert.StartsWith(portal.Provider.Authority, authorize.ToString(), StringComparison.Ordinal);

        using var toLogin = await client.GetAsync(authorize.ToString());
        var loginPage = Location(toLogin, authorize);
        var returnUrl = System.Web.HttpUtility.ParseQueryString(loginPage.Query)["ReturnUrl"] ?? "";
        using var chosen = await client.PostFormAsync(new Uri(loginPage, "/login").ToString(),
            new Dictionary<string, string> { ["subject"] = subject, ["returnUrl"] = returnUrl });
        using var granted = await client.GetAsync(Location(chosen, loginPage).ToString());
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);

        // The provider answers with a self-submitting form to the portal's /signin-oidc (response_mode=form_post).
        var post = (await PortalClient.ParseAsync(granted)).QuerySelector<IHtmlFormElement>("form")
            ?? throw new InvalidOperationException("The provider sent no form back.");
        var fields = post.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.Name!, i.Value));
        using var callback = await client.PostFormAsync(post.Action, fields);
        var externalLogin = Location(callback, portal.BaseAddress);
        Assert.Equal("/Account/ExternalLogin", externalLogin.AbsolutePath);

        using var landed = await client.GetAsync(externalLogin.PathAndQuery);
        return Location(landed, portal.BaseAddress).PathAndQuery;
    }

    /// <summary>The account's roles in the portal's order; empty when there is no account.</summary>
    public static async Task<List<string>> RolesOfAsync(PortalFactory portal, string email)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email);
        return user is null ? [] : Roles.All.Where((await users.GetRolesAsync(user)).Contains).ToList();
    }

    private static Uri Location(HttpResponseMessage response, Uri from)
    {
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
            $"Expected a redirect from {response.RequestMessage?.RequestUri}, got {(int)response.StatusCode}.");
        return new Uri(from, response.Headers.Location!);
    }
}
