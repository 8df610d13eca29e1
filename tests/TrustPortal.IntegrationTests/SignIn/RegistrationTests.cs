using System.Net;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Testing;
using static TrustPortal.IntegrationTests.SignIn.SignInTestKit;

namespace TrustPortal.IntegrationTests.SignIn;

/// <summary>The registration form never tells anyone whether an address has an account; the owner is told by email.</summary>
public sealed class RegistrationTests(MailboxPortal portal) : IClassFixture<MailboxPortal>
{
    private const string Password = "Correct-Horse-42";

    [Fact]
    public async Task Register_WithAnExistingAddress_ShowsTheSamePage_AndEmailsTheOwner()
    {
        var existing = await NewCustomerAsync(portal);
        var fresh = $"fresh-{Guid.NewGuid():N}@example.org";

        var (newLocation, newPage) = await RegisterAsync(fresh, Password);
        var (existingLocation, existingPage) = await RegisterAsync(existing, Password);

        Assert.Equal(newLocation.Replace(Uri.EscapeDataString(fresh), "ADDRESS", StringComparison.Ordinal),
            existingLocation.Replace(Uri.EscapeDataString(existing), "ADDRESS", StringComparison.Ordinal));
        Assert.Equal(newPage.Replace(fresh, "ADDRESS", StringComparison.Ordinal), existingPage.Replace(existing, "ADDRESS", StringComparison.Ordinal));
        var notice = await portal.WaitForEmailAsync(existing, "Someone tried to register");
        Assert.Contains("/Account/Login", notice.TextBody ?? "", StringComparison.Ordinal);
        Assert.Contains("/Account/ForgotPassword", notice.TextBody ?? "", StringComparison.Ordinal);
        await portal.WaitForOutboxAsync();
        Assert.Single(portal.Emails(existing));
        Assert.Contains(portal.Emails(fresh), m => (m.Subject ?? "").Contains("Confirm", StringComparison.Ordinal));
        await using var db = portal.CreateDbContext();
        var owner = await db.Users.SingleAsync(u => u.Email == existing);
        Assert.Equal("Olive Owner", owner.DisplayName);
    }

    [Fact]
    public async Task Register_WithAWeakPassword_GivesTheSameErrorsForExistingAndNewAddresses()
    {
        var existing = await NewCustomerAsync(portal);
        var fresh = $"fresh-{Guid.NewGuid():N}@example.org";
        const string weak = "allsmallletters";

        var forNew = await RegisterErrorsAsync(fresh, weak);
        var forExisting = await RegisterErrorsAsync(existing, weak);

        Assert.NotEmpty(forNew);
        Assert.Equal(forNew, forExisting);
        await portal.WaitForOutboxAsync();
        Assert.Empty(portal.Emails(existing));
    }

    /// <summary>Where the form sends the browser, and the text of that page.</summary>
    private async Task<(string Location, string Page)> RegisterAsync(string email, string password)
    {
        using var client = new PortalClient(portal.BaseAddress);
        using var response = await client.SubmitFormAsync("/Account/Register", "register", Fields(email, password));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = new Uri(portal.BaseAddress, response.Headers.Location!).PathAndQuery;
        var page = await client.GetDocumentAsync(location);
        return (location, page.QuerySelector("main")!.TextContent);
    }

    private async Task<string> RegisterErrorsAsync(string email, string password)
    {
        using var client = new PortalClient(portal.BaseAddress);
        using var response = await client.SubmitFormAsync("/Account/Register", "register", Fields(email, password));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        return page.QuerySelector("[role=alert]")?.TextContent.Trim() ?? "";
    }

    private static Dictionary<string, string> Fields(string email, string password) => new()
    {
        ["Input.DisplayName"] = "Mallory Maybe",
        ["Input.Email"] = email,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = password,
    };
}
