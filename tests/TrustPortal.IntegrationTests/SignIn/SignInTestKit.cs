using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using netDumbster.smtp;
using TrustPortal.Testing;
using TrustPortal.Web.Data;
using TrustPortal.Web.Security;

namespace TrustPortal.IntegrationTests.SignIn;

/// <summary>The portal with a real SMTP server in-process, so tests read the emails a user would get.</summary>
public class MailboxPortal : PortalFactory
{
    private readonly int smtpPort = FreePort();
    private readonly Lazy<SimpleSmtpServer> smtp;

    public MailboxPortal() => smtp = new Lazy<SimpleSmtpServer>(() => SimpleSmtpServer.Start(smtpPort));

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>(Settings)
    {
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
    };

    /// <summary>More settings for a test class.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public SimpleSmtpServer Smtp => smtp.Value;

    /// <summary>Waits for the email to <paramref name="to"/> whose subject contains <paramref name="subject"/>.</summary>
    public async Task<MimeMessage> WaitForEmailAsync(string to, string subject)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var match = Emails(to).LastOrDefault(m => (m.Subject ?? "").Contains(subject, StringComparison.Ordinal));
            if (match is not null)
            {
                return match;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No email '{subject}' to {to}; received: {string.Join(", ", Emails(to).Select(m => m.Subject))}.");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Every email <paramref name="to"/> has received so far.</summary>
    public IReadOnlyList<MimeMessage> Emails(string to) =>
        Smtp.ReceivedEmail
            .Where(m => m.ToAddresses.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase)))
            .Select(m => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data))))
            .ToList();

    /// <summary>Waits until the outbox has nothing left to send, so a missing email is really missing.</summary>
    public async Task WaitForOutboxAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var db = CreateDbContext();
            if (!await db.OutboxMessages.AnyAsync(m => m.SentAtUtc == null && m.UndeliveredAtUtc == null))
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The outbox never emptied.");
            }
            await Task.Delay(100);
        }
    }

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        _ = Smtp; // listening before the portal's sender first looks for mail
        base.ConfigureWebHost(builder);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && smtp.IsValueCreated)
        {
            smtp.Value.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Accounts, attempts and clock moves shared by the sign-in tests.</summary>
public static class SignInTestKit
{
    /// <summary>A client on another network: the portal sees it connect from 127.0.0.<paramref name="lastByte"/>.</summary>
    public static PortalClient ClientFrom(PortalFactory portal, int lastByte) =>
        new(portal.BaseAddress, IPAddress.Parse($"127.0.0.{lastByte}"));

    /// <summary>A confirmed customer account of its own, so tests do not share failure records.</summary>
    public static async Task<string> NewCustomerAsync(PortalFactory portal, string prefix = "owner")
    {
        var email = $"{prefix}-{Guid.NewGuid():N}@example.org";
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Olive Owner" };
        Assert.True((await users.CreateAsync(user, PortalFactory.DemoPassword)).Succeeded);
        await users.AddToRoleAsync(user, Roles.Customer);
        return email;
    }

    public sealed record Attempt(HttpStatusCode Status, string? Location, int? RetryAfterSeconds, IHtmlDocument Page)
    {
        public bool SignedIn => Status == HttpStatusCode.Redirect && Location?.Contains("/Account/", StringComparison.Ordinal) == false;
        public bool Throttled => Status == HttpStatusCode.TooManyRequests;
        public string Alert => Page.QuerySelector("[role=alert]")?.TextContent.Trim() ?? "";
    }

    public static async Task<Attempt> SignInAsync(PortalClient client, string email, string password)
    {
        using var response = await client.SubmitFormAsync("/Account/Login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return new Attempt(response.StatusCode, response.Headers.Location?.OriginalString,
            response.Headers.RetryAfter?.Delta is { } delta ? (int)delta.TotalSeconds : null,
            await PortalClient.ParseAsync(response));
    }

    /// <summary>Whether the client's cookie is a full session (a page only signed-in users see answers 200).</summary>
    public static async Task<bool> IsSignedInAsync(PortalClient client)
    {
        using var response = await client.GetAsync("/Account/Manage");
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>Moves every recorded wrong password back in time, instead of sleeping through the wait.</summary>
    public static async Task AgeFailuresAsync(PortalFactory portal, TimeSpan by)
    {
        await using var db = portal.CreateDbContext();
        foreach (var failure in await db.SignInFailures.ToListAsync())
        {
            failure.AtUtc -= by;
        }
        await db.SaveChangesAsync();
    }

    /// <summary>The sign-in link in an email, as a path and query on the portal.</summary>
    public static string LinkIn(MimeMessage email)
    {
        var match = Regex.Match(email.TextBody ?? "", @"https?://\S+?(/Account/LoginWithLink\?token=[A-Za-z0-9_-]+)");
        Assert.True(match.Success, $"No sign-in link in: {email.TextBody}");
        return match.Groups[1].Value;
    }
}
