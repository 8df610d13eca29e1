using System.Net;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Testing;

namespace TrustPortal.IntegrationTests.SignIn;

/// <summary>Three submissions per email address an hour, and a per-network ceiling of 30, so a few requests reach each.</summary>
public sealed class RegistrationLimitPortal : MailboxPortal
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:EmailFormsPerAddressPerHour"] = "3",
        ["RateLimiting:RegisterPerHour"] = "30",
    };
}

/// <summary>
/// Registration is limited per email address, so colleagues behind one company gateway each register, while one
/// address cannot be flooded; the per-network ceiling stays as the outer bound.
/// </summary>
public sealed class RegistrationLimitTests(RegistrationLimitPortal portal) : IClassFixture<RegistrationLimitPortal>
{
    private const string Password = "Correct-Horse-42";

    [Fact]
    public async Task TwelveColleaguesBehindOneGateway_AllRegister()
    {
        var colleagues = Enumerable.Range(1, 12).Select(i => $"colleague{i}-{Guid.NewGuid():N}@initech.example").ToList();

        foreach (var email in colleagues)
        {
            using var response = await RegisterAsync(email);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("RegisterConfirmation", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        await using var db = portal.CreateDbContext();
        Assert.Equal(colleagues.Count, await db.Users.CountAsync(u => colleagues.Contains(u.Email!)));
    }

    [Fact]
    public async Task OneAddress_PastItsLimit_GetsAClearMessage_AndNoMoreEmail()
    {
        var email = $"flooded-{Guid.NewGuid():N}@example.org";
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var accepted = await RegisterAsync(email);
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }
        await portal.WaitForOutboxAsync();
        var sent = portal.Emails(email).Count;

        using var refused = await RegisterAsync(email);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await PortalClient.ParseAsync(refused);
        Assert.Contains("Too many attempts for this email address", page.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        await portal.WaitForOutboxAsync();
        Assert.Equal(sent, portal.Emails(email).Count);
        // Another address from the same network is not affected.
        using var other = await RegisterAsync($"other-{Guid.NewGuid():N}@example.org");
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
    }

    [Fact]
    public async Task ForgotPassword_PastTheLimitForAnAddress_SaysSoAndSendsNothing()
    {
        var email = $"reset-{Guid.NewGuid():N}@example.org";
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var accepted = await SubmitAsync("/Account/ForgotPassword", "forgot-password", email);
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }

        using var refused = await SubmitAsync("/Account/ForgotPassword", "forgot-password", email);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await PortalClient.ParseAsync(refused);
        Assert.Contains("Too many attempts for this email address", page.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> RegisterAsync(string email)
    {
        using var client = new PortalClient(portal.BaseAddress);
        return await client.SubmitFormAsync("/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Colleague",
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        });
    }

    private async Task<HttpResponseMessage> SubmitAsync(string path, string form, string email)
    {
        using var client = new PortalClient(portal.BaseAddress);
        return await client.SubmitFormAsync(path, form, new Dictionary<string, string> { ["Input.Email"] = email });
    }
}
