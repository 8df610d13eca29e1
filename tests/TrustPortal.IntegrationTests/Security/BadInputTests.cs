using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.IntegrationTests.Baa;
using TrustPortal.IntegrationTests.Dpa;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Baa;
using TrustPortal.Web.Features.Dpa;

namespace TrustPortal.IntegrationTests.Security;

/// <summary>
/// Hostile and odd input on every form and endpoint: a clear message and a refusal, or a literal acceptance; never a
/// server error, never markup, and nothing stored for a refusal.
/// </summary>
public sealed class BadInputTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly string OneMegabyte = new('x', 1024 * 1024);

    /// <summary>Payload, and whether a name field must refuse it.</summary>
    public static TheoryData<string, bool> NamePayloads => new()
    {
        { "", true },
        { "   ", true },
        { OneMegabyte, true },
        { "Acme\u202Egnp.exe", true },
        { "Ac\u200Bme Corporation", true },
        { "Acme\u0007 Corporation", true },
        { "<script>alert(1)</script>", true },
        { "Acme'); DROP TABLE Agreements; --", false },
        { "شركة أكمي", false },
        { "Acme 🚀 Corporation", false },
    };

    [Theory]
    [MemberData(nameof(NamePayloads))]
    public async Task DpaLegalName_HostileInput_IsRefusedAtTheFieldOrStoredLiterally(string payload, bool refused)
    {
        var draft = DpaTestData.GlobexDraft();
        draft.LegalName = payload;
        var before = await CountAsync();

        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(DpaTestData.GlobexEmail));
        var result = await scope.ServiceProvider.GetRequiredService<DpaService>().ExecuteAsync(draft, DpaTestData.Signature());

        if (refused)
        {
            Assert.Contains(result.Errors, e => e.MemberNames.Contains("LegalName") && !string.IsNullOrWhiteSpace(e.ErrorMessage));
            Assert.Equal(before, await CountAsync());
            return;
        }
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.ErrorMessage)));
        await using var db = portal.CreateDbContext();
        Assert.Equal(payload, (await db.Agreements.SingleAsync(a => a.Id == result.AgreementId)).Customer.LegalName);
    }

    [Theory]
    [MemberData(nameof(NamePayloads))]
    public async Task BaaRequest_HostileContactName_NeverFailsAndRefusalsStoreNothing(string payload, bool refused)
    {
        var useCase = BaaFlowTests.BaaTestUseCase();
        useCase.ContactName = payload;
        useCase.PhiFlow = payload.Length > 0 ? payload : "x";
        await using var db = portal.CreateDbContext();
        var before = await db.BaaRequests.CountAsync();

        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync("customer@acme.example"));
        var result = await scope.ServiceProvider.GetRequiredService<BaaCustomerService>().SubmitAsync(useCase);

        if (refused)
        {
            Assert.False(result.Succeeded);
            Assert.Equal(before, await db.BaaRequests.CountAsync());
        }
        else if (result.Succeeded)
        {
            // Leave the organization free for the next case: one open request per organization.
            await db.BaaRequests.Where(r => r.Id == result.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, BaaStatus.Rejected));
        }
    }

    [Theory]
    [MemberData(nameof(NamePayloads))]
    public async Task RegisterForm_HostileDisplayName_AnswersWithoutErrorOrMarkup(string payload, bool refused)
    {
        using var client = new PortalClient(portal.BaseAddress);
        var email = $"bad-input-{Guid.NewGuid():N}@example.com";

        using var response = await client.SubmitFormAsync("/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = payload,
            ["Input.Email"] = email,
            ["Input.Password"] = "Correct-Horse-42",
            ["Input.ConfirmPassword"] = "Correct-Horse-42",
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode < 500, $"{response.StatusCode} for {payload[..Math.Min(20, payload.Length)]}");
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        await using var db = portal.CreateDbContext();
        if (refused)
        {
            Assert.False(await db.Users.AnyAsync(u => u.Email == email));
        }
    }

    [Theory]
    [InlineData("/legal/attestations?status=<script>")]
    [InlineData("/agreements/not-a-guid")]
    [InlineData("/agreements/00000000-0000-0000-0000-000000000000/pdf")]
    [InlineData("/theme/purple?returnUrl=https://evil.example/")]
    [InlineData("/theme/dark?returnUrl=//evil.example/")]
    [InlineData("/dpa/sign/%3Cscript%3E")]
    [InlineData("/legal/agreements/export?kind=1;DROP")]
    public async Task Urls_WithHostileParameters_NeverFailOrRedirectAway(string url)
    {
        using var client = new PortalClient(portal.BaseAddress);
        await client.SignInAsync("legal@trustportal.local", PortalFactory.DemoPassword);

        using var response = await client.GetAsync(url);

        Assert.True((int)response.StatusCode < 500, $"{url}: {response.StatusCode}");
        var location = response.Headers.Location?.OriginalString ?? "";
        Assert.DoesNotContain("evil.example", location, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a pdf at all", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("%PDF-1.7\nthis is not the rest of a PDF", HttpStatusCode.UnprocessableEntity)]
    [InlineData("", HttpStatusCode.BadRequest)]
    public async Task VerifyApi_NonPdfOrCorruptUploads_GetA4xxWithAReason(string content, HttpStatusCode expected)
    {
        using var http = new HttpClient { BaseAddress = portal.BaseAddress };
        using var form = new MultipartFormDataContent { { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(content)), "file", "upload.pdf" } };

        using var response = await http.PostAsync("/api/verify", form);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(expected, response.StatusCode);
        Assert.False(answer.GetProperty("authentic").GetBoolean());
        Assert.False(string.IsNullOrWhiteSpace(answer.GetProperty("reason").GetString()));
    }

    private async Task<(int, int, int)> CountAsync()
    {
        await using var db = portal.CreateDbContext();
        return (await db.Agreements.CountAsync(), await db.OutboxMessages.CountAsync(), await db.AuditEvents.CountAsync());
    }
}
