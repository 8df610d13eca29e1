using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustPortal.IntegrationTests.SignIn;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Documents;

namespace TrustPortal.IntegrationTests.Documents;

/// <summary>A portal with a real SMTP server and a clock the tests move, for the document library and prospect access.</summary>
public sealed partial class DocumentsPortal : MailboxPortal
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected override TimeProvider? Clock => Time;

    // A viewer's browser session outlives the grant here, so a test sees the grant (not the cookie) end access.
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Documents:SessionLifetime"] = "120.00:00:00",
        ["RateLimiting:SignatoryDownloadsPerMinute"] = "100000",
    };

    /// <summary>Asks for a link on the form and opens it in <paramref name="client"/>, as a prospect would.</summary>
    public async Task<TrustViewer> SignInViewerAsync(PortalClient client, string email, string name = "Pat Prospect", string company = "")
    {
        var before = Emails(email).Count;
        using (var response = await client.SubmitFormAsync("/documents/access", "document-access",
            new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Name"] = name, ["Input.Company"] = company }))
        {
            response.EnsureSuccessStatusCode();
        }
        var link = await LinkAsync(email, before);
        using (var opened = await client.SubmitFormAsync(link, "viewer-sign-in", new Dictionary<string, string>()))
        {
            // Signed in, the page sends the browser to the library; a link that does not work answers the page again.
            Assert.Equal(System.Net.HttpStatusCode.Redirect, opened.StatusCode);
            Assert.Equal("/documents", opened.Headers.Location is { } to ? (to.IsAbsoluteUri ? to.AbsolutePath : to.OriginalString) : null);
        }
        await using var db = CreateDbContext();
        return await db.TrustViewers.AsNoTracking().SingleAsync(v => v.Email == email);
    }

    /// <summary>The path and query of the newest sign-in link emailed to <paramref name="email"/> after <paramref name="before"/> emails.</summary>
    public async Task<string> LinkAsync(string email, int before = 0)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Emails(email).Count <= before)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No sign-in link for {email}.");
            }
            await Task.Delay(100);
        }
        var body = Emails(email)[^1].TextBody ?? "";
        return new Uri(LinkPattern().Match(body).Value).PathAndQuery;
    }

    public async Task<Guid> DocumentIdAsync(DocumentVisibility visibility)
    {
        await using var db = CreateDbContext();
        return await db.TrustDocuments.Where(d => d.Visibility == visibility && d.ArchivedAtUtc == null).OrderBy(d => d.PublishedAtUtc).Select(d => d.Id).FirstAsync();
    }

    public async Task<T> AsAsync<T>(string email, Func<IServiceProvider, Task<T>> act)
    {
        var principal = await PrincipalForAsync(email);
        await using var scope = ScopeAs(principal);
        return await act(scope.ServiceProvider);
    }

    [GeneratedRegex(@"https?://\S+/documents/signin\?token=[A-Za-z0-9_\-]+")]
    private static partial Regex LinkPattern();
}
