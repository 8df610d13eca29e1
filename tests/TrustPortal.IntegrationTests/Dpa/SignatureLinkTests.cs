using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Testing;

namespace TrustPortal.IntegrationTests.Dpa;

/// <summary>"I am not the authorized signatory": the emailed link signs once, then never again.</summary>
public sealed class SignatureLinkTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Forward_ThenSignThroughTheLink_ExecutesOnce()
    {
        var link = await ForwardAsync("dana@globex.example", "Dana Director");
        using var client = new PortalClient(portal.BaseAddress);

        var page = await client.GetDocumentAsync(link);
        Assert.Contains("Dana Director", page.Body!.TextContent, StringComparison.Ordinal);
        // The agreement's details wait until the address is confirmed with the emailed code.
        Assert.DoesNotContain("Summarising sales calls", page.Body.TextContent, StringComparison.Ordinal);
        var confirmed = await SigningLinkSteps.ConfirmAddressAsync(client, link, SigningLinkSteps.FromOutbox(portal, "dana@globex.example"));
        Assert.Contains("Summarising sales calls", confirmed.Body!.TextContent, StringComparison.Ordinal);

        var signed = await SigningLinkSteps.SignAsync(client, link, "dana  director");
        var number = Regex.Match(signed.Body!.TextContent, @"DPA-\d{4}-\d{6}").Value;
        Assert.NotEmpty(number);

        await using var db = portal.CreateDbContext();
        var agreement = await db.Agreements.SingleAsync(a => a.Number == number);
        Assert.Equal("Dana Director", agreement.SignerName);
        Assert.Null(agreement.SignerUserId);
        Assert.True(await db.SignatureRequests.AnyAsync(r => r.AgreementId == agreement.Id && r.CompletedAtUtc != null));
        Assert.True(await db.OutboxMessages.AnyAsync(m => m.To == DpaTestData.GlobexEmail && m.Subject.Contains(number)));

        // Opened again (say the confirmation never arrived): it says the DPA is signed, and signs nothing twice.
        var again = await client.GetDocumentAsync(link);
        Assert.Equal("Already signed", again.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains(number, again.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty(again.QuerySelectorAll("form"));
        var repeated = await PortalClient.ParseAsync(await client.PostFormAsync(link, [new("_handler", "sign-dpa"),
            new("__RequestVerificationToken", await client.AntiforgeryTokenAsync()), new("Input.TypedName", "Dana Director"), new("Input.Consent", "true")]));
        Assert.Equal("Already signed", repeated.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(1, await db.Agreements.CountAsync(a => a.SignerEmail == "dana@globex.example"));
    }

    [Fact]
    public async Task SignThroughTheLink_WrongNameOrNoConsent_ShowsMessagesAndStoresNothing()
    {
        var link = await ForwardAsync("erin@globex.example", "Erin Example");
        using var client = new PortalClient(portal.BaseAddress);
        await SigningLinkSteps.ConfirmAddressAsync(client, link, SigningLinkSteps.FromOutbox(portal, "erin@globex.example"));
        var before = await AgreementCountAsync();

        var page = await PortalClient.ParseAsync(await client.SubmitFormAsync(link, "sign-dpa", new Dictionary<string, string>
        {
            ["Input.TypedName"] = "<script>alert(1)</script>",
        }));

        Assert.NotNull(page.QuerySelector("#name-error"));
        Assert.NotNull(page.QuerySelector("#consent-error"));
        Assert.Equal(before, await AgreementCountAsync());
        Assert.DoesNotContain(page.QuerySelectorAll("script"), s => s.TextContent.Contains("alert(1)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/dpa/sign/not-a-real-token")]
    [InlineData("/dpa/sign/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task UnknownLink_SaysItNoLongerWorks(string link)
    {
        using var client = new PortalClient(portal.BaseAddress);

        var page = await client.GetDocumentAsync(link);

        Assert.Equal("This link no longer works", page.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task ExpiredLink_SaysItNoLongerWorks()
    {
        var link = await ForwardAsync("frank@globex.example", "Frank Expired");
        await using (var db = portal.CreateDbContext())
        {
            var request = await db.SignatureRequests.SingleAsync(r => r.SignatoryEmail == "frank@globex.example");
            request.ExpiresAtUtc = DateTime.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        }
        using var client = new PortalClient(portal.BaseAddress);

        var page = await client.GetDocumentAsync(link);

        Assert.Equal("This link no longer works", page.QuerySelector("h1")!.TextContent.Trim());
    }

    private Task<string> ForwardAsync(string signatoryEmail, string signatoryName) => SigningLinkSteps.ForwardAsync(portal, signatoryEmail, signatoryName);

    private async Task<int> AgreementCountAsync()
    {
        await using var db = portal.CreateDbContext();
        return await db.Agreements.CountAsync();
    }
}
