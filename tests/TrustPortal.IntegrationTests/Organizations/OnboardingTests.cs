using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Testing;

namespace TrustPortal.IntegrationTests.Organizations;

public sealed partial class OnboardingTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Password = "Correct-Horse-42";

    [Fact]
    public async Task Register_ConfirmFromOutbox_SignIn_CreateOrganization()
    {
        using var client = new PortalClient(portal.BaseAddress);
        var email = $"new-{Guid.NewGuid():N}@initrode.example";

        using (var registered = await client.SubmitFormAsync("/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Nina New",
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        }

        // Not confirmed yet: signing in is refused.
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SignInAsync(email, Password));

        var link = await ConfirmationLinkFromOutboxAsync(email);
        using (var confirmed = await client.GetAsync(link.PathAndQuery))
        {
            Assert.True(confirmed.StatusCode == HttpStatusCode.OK, $"{confirmed.StatusCode} {confirmed.Headers.Location} for {link}");
            Assert.Contains("Thank you for confirming your email", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await client.SignInAsync(email, Password);
        using (var portalPage = await client.GetAsync("/portal"))
        {
            // No organization yet: the portal sends the customer to set one up.
            Assert.Equal(HttpStatusCode.Redirect, portalPage.StatusCode);
            Assert.EndsWith("/portal/setup", portalPage.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        using (var created = await client.SubmitFormAsync("/portal/setup", "create-organization", new Dictionary<string, string>
        {
            ["Input.Name"] = "Initrode Ltd",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
            Assert.Equal("/portal", created.Headers.Location!.OriginalString.Replace(portal.BaseAddress.ToString().TrimEnd('/'), "", StringComparison.Ordinal));
        }

        var dashboard = await client.GetDocumentAsync("/portal");
        Assert.Equal("Initrode Ltd", dashboard.QuerySelector("h1")!.TextContent.Trim());

        await using var db = portal.CreateDbContext();
        var user = await db.Users.Include(u => u.Organization).SingleAsync(u => u.Email == email);
        Assert.Equal("Initrode Ltd", user.Organization!.Name);
        Assert.Equal("Nina New", user.DisplayName);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "organization.created" && e.EntityId == user.OrganizationId.ToString() && e.ActorId == user.Id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("\u0001\u0002\u0003")]
    public async Task CreateOrganization_WithBadName_ShowsAMessageAndStoresNothing(string name)
    {
        using var customer = await RegisterConfirmedCustomerAsync();
        await using var before = portal.CreateDbContext();
        var organizations = await before.Organizations.CountAsync();

        using var response = await customer.Client.SubmitFormAsync("/portal/setup", "create-organization", new Dictionary<string, string> { ["Input.Name"] = name });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.NotNull(page.QuerySelector("#name-error"));
        await using var after = portal.CreateDbContext();
        Assert.Equal(organizations, await after.Organizations.CountAsync());
    }

    [Theory]
    [InlineData("Nina\r\nBcc: everyone@example.org", "not allowed")]
    [InlineData("", "Enter your full name.")]
    public async Task Register_WithABadName_ShowsAMessageAndStoresNothing(string name, string message)
    {
        using var client = new PortalClient(portal.BaseAddress);
        var email = $"bad-{Guid.NewGuid():N}@example.org";

        using var response = await client.SubmitFormAsync("/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = name,
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await PortalClient.ParseAsync(response)).Body!.TextContent, StringComparison.Ordinal);
        await using var db = portal.CreateDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.To == email));
    }

    [Fact]
    public async Task Invitation_IsEmailedAndLetsTheInviteeJoin_ButNobodyElse()
    {
        // The demo customer at Acme invites a colleague through the service; the invitee joins through the setup page.
        using var invitee = await RegisterConfirmedCustomerAsync();
        var inviteeEmail = invitee.Email;
        await using (var db = portal.CreateDbContext())
        {
            var acme = await db.Organizations.SingleAsync(o => o.Name == "Acme Corporation");
            db.OrganizationInvitations.Add(new TrustPortal.Web.Features.Organizations.OrganizationInvitation
            {
                OrganizationId = acme.Id, Email = inviteeEmail, NormalizedEmail = inviteeEmail.ToUpperInvariant(),
                InvitedByUserId = "test", CreatedAtUtc = DateTime.UtcNow, ExpiresAtUtc = DateTime.UtcNow.AddDays(1),
            });
            await db.SaveChangesAsync();
        }

        // Someone else cannot see or accept it.
        using var stranger = await RegisterConfirmedCustomerAsync();
        var strangerPage = await stranger.Client.GetDocumentAsync("/portal/setup");
        Assert.DoesNotContain("Acme Corporation", strangerPage.Body!.TextContent, StringComparison.Ordinal);

        var page = await invitee.Client.GetDocumentAsync("/portal/setup");
        var formName = page.QuerySelectorAll("input[name=_handler]").Select(i => i.GetAttribute("value")!).Single(v => v.StartsWith("accept-", StringComparison.Ordinal));
        using var joined = await invitee.Client.SubmitFormAsync("/portal/setup", formName, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        await using var check = portal.CreateDbContext();
        var user = await check.Users.Include(u => u.Organization).SingleAsync(u => u.Email == inviteeEmail);
        Assert.Equal("Acme Corporation", user.Organization!.Name);
    }

    private async Task<Uri> ConfirmationLinkFromOutboxAsync(string email)
    {
        await using var db = portal.CreateDbContext();
        var message = await db.OutboxMessages.SingleAsync(m => m.To == email && m.Subject.Contains("Confirm"));
        return new Uri(ConfirmLink().Match(message.TextBody).Value);
    }

    private async Task<SignedInCustomer> RegisterConfirmedCustomerAsync()
    {
        var client = new PortalClient(portal.BaseAddress);
        var email = $"c-{Guid.NewGuid():N}@example.org";
        using (await client.SubmitFormAsync("/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Test Customer",
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        })) { }
        using (await client.GetAsync((await ConfirmationLinkFromOutboxAsync(email)).PathAndQuery)) { }
        await client.SignInAsync(email, Password);
        return new SignedInCustomer(client, email);
    }

    private sealed record SignedInCustomer(PortalClient Client, string Email) : IDisposable
    {
        public void Dispose() => Client.Dispose();
    }

    [GeneratedRegex(@"https?://\S+/Account/ConfirmEmail\S+")]
    private static partial Regex ConfirmLink();
}
