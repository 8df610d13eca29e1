using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.IntegrationTests.Dpa;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Dpa;

namespace TrustPortal.IntegrationTests.Security;

/// <summary>A portal with low limits, so a few attempts reach them.</summary>
public sealed class LowLimitPortal : PortalFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["RateLimiting:SignInPerMinute"] = "3",
        ["RateLimiting:VerifyPerMinute"] = "2",
        ["RateLimiting:SubmissionsPerHour"] = "2",
        ["RateLimiting:SignatoryDownloadsPerMinute"] = "2",
    };
}

public sealed class RateLimitTests(LowLimitPortal portal) : IClassFixture<LowLimitPortal>
{
    [Fact]
    public async Task SignIn_MoreThanTheLimit_Gets429WithAClearMessageAndRetryAfter()
    {
        using var client = new PortalClient(portal.BaseAddress);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            last?.Dispose();
            last = await client.SubmitFormAsync("/Account/Login", "login", new Dictionary<string, string>
            {
                ["Input.Email"] = "customer@acme.example",
                ["Input.Password"] = "wrong-password-" + attempt,
            });
            statuses.Add(last.StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(3));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[3]);
        Assert.NotNull(last!.Headers.RetryAfter);
        Assert.Contains("Too many attempts", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        last.Dispose();
    }

    [Fact]
    public async Task SignatoryCopyLinks_MoreGuessesThanTheLimit_Get429()
    {
        using var client = new PortalClient(portal.BaseAddress, IPAddress.Parse("127.0.0.9"));
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var response = await client.GetAsync($"/dpa/copy/{new string((char)('A' + attempt), 43)}");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task LibraryDownloads_MoreThanTheLimit_Get429_BeforeAnyWatermarkIsDrawn()
    {
        // Every anonymous download of a public document draws a watermark: it counts with the signatories' downloads.
        using var client = new PortalClient(portal.BaseAddress, IPAddress.Parse("127.0.0.10"));
        Guid publicId;
        await using (var db = portal.CreateDbContext())
        {
            publicId = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
                db.TrustDocuments.Where(d => d.Visibility == Web.Features.Documents.DocumentVisibility.Public).Select(d => d.Id));
        }
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var response = await client.GetAsync($"/documents/{publicId}/download");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task VerifyStatusPage_MoreThanTheLimit_Gets429WithAClearMessageAndRetryAfter()
    {
        // An address of its own: the upload tests in this class spend 127.0.0.1's budget.
        using var client = new PortalClient(portal.BaseAddress, System.Net.IPAddress.Parse("127.0.0.9"));
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var response = await client.GetAsync($"/verify/{new string('c', 64)}");
            statuses.Add(response.StatusCode);
        }

        using var limited = await client.GetAsync($"/verify/{new string('d', 64)}");

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter is not null);
        Assert.Contains("Too many attempts", (await PortalClient.ParseAsync(limited)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_MoreThanTheLimit_Gets429AsJson()
    {
        using var http = new HttpClient { BaseAddress = portal.BaseAddress };
        var statuses = new List<HttpStatusCode>();
        JsonElement answer = default;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var content = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.7 not really"u8.ToArray()), "file", "x.pdf" } };
            using var response = await http.PostAsync("/api/verify", content);
            statuses.Add(response.StatusCode);
            answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[2]);
        Assert.Contains("Too many attempts", answer.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DpaSubmissions_MoreThanTheLimitPerUser_AreRefusedWithAMessage()
    {
        var customer = await portal.PrincipalForAsync(DpaTestData.GlobexEmail);
        var results = new List<ExecutionResult>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await using var scope = portal.ScopeAs(customer);
            results.Add(await scope.ServiceProvider.GetRequiredService<DpaService>().ExecuteAsync(DpaTestData.GlobexDraft(), DpaTestData.Signature()));
        }

        Assert.True(results[0].Succeeded && results[1].Succeeded);
        Assert.False(results[2].Succeeded);
        Assert.Contains("wait", results[2].Errors.Single().ErrorMessage, StringComparison.Ordinal);
    }
}

/// <summary>Requests that another site starts in a signed-in browser.</summary>
public sealed class CrossSiteTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Export_StartedFromAnotherSite_IsForbiddenAndNotAudited()
    {
        using var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync("legal@trustportal.local", PortalFactory.DemoPassword);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/legal/agreements/export");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var db = portal.CreateDbContext();
        Assert.False(await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.AuditEvents, e => e.Action == "agreements.exported"));
    }
}
