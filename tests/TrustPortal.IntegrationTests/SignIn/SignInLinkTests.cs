using System.Net;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Testing;
using static TrustPortal.IntegrationTests.SignIn.SignInTestKit;

namespace TrustPortal.IntegrationTests.SignIn;

/// <summary>A portal whose account-wide ceiling two attacking addresses reach quickly.</summary>
public sealed class LowCeilingPortal : MailboxPortal
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["SignIn:AccountCeiling"] = "6" };
}

/// <summary>
/// "Email me a sign-in link": the owner's way in while password sign-in is paused. Single-use, short-lived, and for
/// staff only a replacement for the password: the authenticator code is still asked for.
/// </summary>
public sealed class SignInLinkTests(LowCeilingPortal portal) : IClassFixture<LowCeilingPortal>
{
    private const string LinkSubject = "sign-in link";

    [Fact]
    public async Task EmailedLink_WhilePasswordSignInIsPaused_SignsTheCustomerIn_AndWorksOnce()
    {
        var email = await NewCustomerAsync(portal);
        // Two addresses, three wrong passwords each: the account-wide ceiling (6) pauses password sign-in everywhere.
        foreach (var lastByte in new[] { 20, 21 })
        {
            using var attacker = ClientFrom(portal, lastByte);
            for (var attempt = 0; attempt < 3; attempt++)
            {
                Assert.False((await SignInAsync(attacker, email, "Wrong-Passw0rd-" + attempt)).Throttled);
            }
        }
        using var owner = ClientFrom(portal, 22);
        var paused = await SignInAsync(owner, email, PortalFactory.DemoPassword);
        Assert.True(paused.Throttled);
        Assert.Contains("Password sign-in to this account is paused", paused.Alert, StringComparison.Ordinal);

        using (var asked = await owner.SubmitFormAsync(paused.Page, "/Account/Login", "login-link", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
            Assert.Contains("/Account/LoginLink?sent=", asked.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
        var link = LinkIn(await portal.WaitForEmailAsync(email, LinkSubject));
        // A mail scanner opening the link does not use it up; it only shows a button.
        using var scanner = ClientFrom(portal, 23);
        var scanned = await scanner.GetDocumentAsync(link);
        var opened = await owner.GetDocumentAsync(link);
        Assert.Contains(email, opened.Body!.TextContent, StringComparison.Ordinal);

        using var used = await owner.SubmitFormAsync(link, "login-with-link", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal("/workspace", new Uri(portal.BaseAddress, used.Headers.Location!).AbsolutePath);
        Assert.True(await IsSignedInAsync(owner));

        // The same link a second time, from a page opened before it was used: refused, no session.
        using var replay = await scanner.SubmitFormAsync(scanned, link, "login-with-link", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("This link no longer works", (await PortalClient.ParseAsync(replay)).Body!.TextContent, StringComparison.Ordinal);
        Assert.False(await IsSignedInAsync(scanner));
        // Password sign-in is still paused for everyone else: the link did not lift the attackers' pause.
        using var attackerAgain = ClientFrom(portal, 24);
        Assert.True((await SignInAsync(attackerAgain, email, "Wrong-Passw0rd-9")).Throttled);
    }

    [Fact]
    public async Task EmailedLink_AfterFifteenMinutes_DoesNotSignIn()
    {
        var email = await NewCustomerAsync(portal);
        using var owner = ClientFrom(portal, 30);
        await RequestLinkAsync(owner, email);
        var link = LinkIn(await portal.WaitForEmailAsync(email, LinkSubject));
        var page = await owner.GetDocumentAsync(link);
        await using (var db = portal.CreateDbContext())
        {
            var stored = await db.SignInLinks.Where(l => l.UserId == db.Users.Single(u => u.Email == email).Id).SingleAsync();
            Assert.Equal(TimeSpan.FromMinutes(15), stored.ExpiresAtUtc - stored.CreatedAtUtc);
            // Sixteen minutes later.
            stored.CreatedAtUtc -= TimeSpan.FromMinutes(16);
            stored.ExpiresAtUtc -= TimeSpan.FromMinutes(16);
            await db.SaveChangesAsync();
        }

        using var late = await owner.SubmitFormAsync(page, link, "login-with-link", new Dictionary<string, string>());
        var reopened = await owner.GetDocumentAsync(link);

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.False(await IsSignedInAsync(owner));
        Assert.Contains("This link no longer works", reopened.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmailedLink_ForStaff_StillAsksForTheAuthenticatorCode()
    {
        const string staff = "legal@trustportal.local";
        using var client = ClientFrom(portal, 40);
        await RequestLinkAsync(client, staff);
        var email = await portal.WaitForEmailAsync(staff, LinkSubject);
        Assert.Contains("authenticator", email.TextBody ?? "", StringComparison.Ordinal);

        using var used = await client.SubmitFormAsync(LinkIn(email), "login-with-link", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        var secondStep = used.Headers.Location!.OriginalString;
        Assert.Contains("/Account/LoginWith2fa", secondStep, StringComparison.Ordinal);
        using (var before = await client.GetAsync("/legal/countersign"))
        {
            Assert.Contains("/Account/Login", before.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        using var verified = await client.SubmitFormAsync(new Uri(portal.BaseAddress, secondStep).PathAndQuery, "login-with-2fa", new Dictionary<string, string> { ["Input.TwoFactorCode"] = Totp.Code(PortalFactory.DemoAuthenticatorKey) });
        using var after = await client.GetAsync("/legal/countersign");

        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task EmailedLinks_ForOneAccount_AreCappedSoNobodyCanFloodTheInbox()
    {
        var email = await NewCustomerAsync(portal);
        using var client = ClientFrom(portal, 50);
        for (var request = 0; request < 5; request++)
        {
            await RequestLinkAsync(client, email);
        }
        await RequestLinkAsync(client, $"nobody-{Guid.NewGuid():N}@example.org");

        await portal.WaitForOutboxAsync();
        Assert.Equal(3, portal.Emails(email).Count);
    }

    private static async Task RequestLinkAsync(PortalClient client, string email)
    {
        using var response = await client.SubmitFormAsync("/Account/LoginLink", "login-link", new Dictionary<string, string> { ["Input.Email"] = email });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
