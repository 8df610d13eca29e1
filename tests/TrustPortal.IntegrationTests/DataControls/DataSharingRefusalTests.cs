using System.Net;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Testing;
using TrustPortal.Web.Features.DataControls;
using TrustPortal.Web.Features.TrustCenter;
using static TrustPortal.IntegrationTests.DataControls.DataControlsTestData;

namespace TrustPortal.IntegrationTests.DataControls;

/// <summary>What an election refuses, storing nothing, and what one organization's members can never reach of another's.</summary>
public sealed class DataSharingRefusalTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    public static TheoryData<string?, string, Action<DataSharingSignature>> BadInputs => new()
    {
        { nameof(DataSharingSignature.TypedName), "exactly as it is on your account", s => s.TypedName = "Somebody Else" },
        { nameof(DataSharingSignature.TypedName), "Type your full name", s => s.TypedName = "" },
        { nameof(DataSharingSignature.TypedName), "", s => s.TypedName = "<b>Casey Customer</b>" },
        { nameof(DataSharingSignature.TypedName), "", s => s.TypedName = new string('C', 500) },
        { nameof(DataSharingSignature.ConfirmsAuthority), "Confirm that you may make this choice", s => s.ConfirmsAuthority = false },
        { null, "read version", s => s.CommitmentsVersion -= 1 },
        { null, "election text was updated", s => s.TemplateVersion += 1 },
        { null, "changed the election since you opened this page", s => s.SeenRevision += 3 },
        { null, "already off", s => s.OptIn = false },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Elect_BadInput_IsRefusedWithAClearMessage_AndStoresNothing(string? field, string message, Action<DataSharingSignature> spoil)
    {
        ArgumentNullException.ThrowIfNull(spoil);
        var view = await ViewAsync(portal, AcmeEmail);
        Assert.False(view!.Election.OptedIn);
        var signature = SignatureFor(view, AcmeName);
        spoil(signature);
        var before = await CountsAsync(portal);

        var result = await ElectAsync(portal, AcmeEmail, signature);
        if (result.Succeeded)
        {
            // Wrongly accepted: put the default back so that only this case fails.
            await ToggleAsync(portal, AcmeEmail, AcmeName);
        }

        Assert.False(result.Succeeded);
        Assert.Null(result.AgreementId);
        var error = Assert.Single(result.Errors, e => field is null ? !e.MemberNames.Any() : e.MemberNames.Contains(field));
        Assert.Contains(message, error.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync(portal));
        Assert.False((await ViewAsync(portal, AcmeEmail))!.Election.OptedIn);
    }

    [Fact]
    public async Task Elect_AfterNewCommitmentsArePublished_IsRefusedUntilTheMemberReadsThem()
    {
        var view = await ViewAsync(portal, AcmeEmail);
        var signature = SignatureFor(view!, AcmeName);
        var published = await PublishCommitmentsAgainAsync();
        var before = await CountsAsync(portal);

        var stale = await ElectAsync(portal, AcmeEmail, signature);

        Assert.False(stale.Succeeded);
        Assert.Contains($"updated to version {published}", Assert.Single(stale.Errors).ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync(portal));
        var reread = await ViewAsync(portal, AcmeEmail);
        Assert.Equal(published, reread!.Commitment!.Version);
        Assert.True((await ElectAsync(portal, AcmeEmail, SignatureFor(reread, AcmeName))).Succeeded);
        // Back to the default for the other tests of this class.
        Assert.True((await ToggleAsync(portal, AcmeEmail, AcmeName)).Succeeded);
    }

    [Fact]
    public async Task AnotherOrganizationsMember_NeitherSeesNorChangesTheElection_AndItsRecordIsNotFound()
    {
        var acme = await ToggleAsync(portal, AcmeEmail, AcmeName);
        Assert.True(acme.Succeeded, string.Join(" ", acme.Errors.Select(e => e.ErrorMessage)));
        try
        {
            // Globex's own page: its own (default) election, nothing of Acme's.
            var globex = await ViewAsync(portal, GlobexEmail);
            Assert.Equal("Globex Inc.", globex!.OrganizationName);
            Assert.False(globex.Election.OptedIn);
            Assert.DoesNotContain(globex.History, h => h.AgreementId == acme.AgreementId);

            // Acme's sealed record does not exist for Globex.
            using (var client = await SignedInAsync(portal, GlobexEmail))
            {
                using var pdf = await client.GetAsync($"/agreements/{acme.AgreementId}/pdf");
                using var page = await client.GetAsync($"/agreements/{acme.AgreementId}");
                Assert.Equal(HttpStatusCode.NotFound, pdf.StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
                Assert.DoesNotContain(acme.Number!, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            // Acme's revision, replayed by a Globex member, changes only Globex (the organization comes from the signer).
            var acmeView = await ViewAsync(portal, AcmeEmail);
            var replay = new DataSharingSignature
            {
                OptIn = false, TypedName = GlobexName, ConfirmsAuthority = true, CommitmentsVersion = acmeView!.Commitment!.Version,
                TemplateVersion = acmeView.TemplateVersion!.Value, SeenRevision = acmeView.Election.Revision,
            };
            var refused = await ElectAsync(portal, GlobexEmail, replay);
            Assert.False(refused.Succeeded);
            Assert.True((await ViewAsync(portal, AcmeEmail))!.Election.OptedIn);
        }
        finally
        {
            Assert.True((await ToggleAsync(portal, AcmeEmail, AcmeName)).Succeeded);
        }
    }

    [Fact]
    public async Task Page_ForAnonymousVisitor_RedirectsToSignIn_AndStaffHaveNoDataControls()
    {
        using var anonymous = new PortalClient(portal.BaseAddress);
        using var response = await anonymous.GetAsync("/portal/data-controls");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);

        Assert.Null(await ViewAsync(portal, LegalEmail));
        var before = await CountsAsync(portal);
        var result = await ElectAsync(portal, LegalEmail, new DataSharingSignature { OptIn = true, TypedName = "Lee Legal", ConfirmsAuthority = true });
        Assert.False(result.Succeeded);
        Assert.Equal(before, await CountsAsync(portal));
    }

    [Fact]
    public async Task Page_ForAMember_ShowsTheElectionWithTheCommitmentVersion()
    {
        using var client = await SignedInAsync(portal, GlobexEmail);

        using var response = await client.GetAsync("/portal/data-controls");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await ViewAsync(portal, GlobexEmail);
        Assert.Contains("Data sharing for model training", html, StringComparison.Ordinal);
        Assert.Contains($"Version {view!.Commitment!.Version}, in effect since", html, StringComparison.Ordinal);
        Assert.Contains("Sign and opt in", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Elect_SameSignatureSentTwiceAtOnce_ChangesTheElectionOnce_AndTheOtherIsTold()
    {
        var view = await ViewAsync(portal, AcmeEmail);
        var before = await CountsAsync(portal);

        var results = await Task.WhenAll(
            ElectAsync(portal, AcmeEmail, SignatureFor(view!, AcmeName)),
            ElectAsync(portal, AcmeEmail, SignatureFor(view!, AcmeName)));
        try
        {
            Assert.Single(results, r => r.Succeeded);
            var refused = Assert.Single(results, r => !r.Succeeded);
            Assert.Contains("changed the election since you opened this page", Assert.Single(refused.Errors).ErrorMessage, StringComparison.Ordinal);
            var after = await CountsAsync(portal);
            Assert.Equal(before.Elections + 1, after.Elections);
            Assert.Equal(before.ElectionNumbers + 1, after.ElectionNumbers);
        }
        finally
        {
            Assert.True((await ToggleAsync(portal, AcmeEmail, AcmeName)).Succeeded);
        }
    }

    [Fact]
    public async Task Commitments_LinkToWhereACustomerMakesOrChangesTheElection()
    {
        using var anonymous = new PortalClient(portal.BaseAddress);

        var page = await anonymous.GetDocumentAsync("/commitments");

        var link = Assert.Single(page.QuerySelectorAll("a[href='/portal/data-controls']"));
        Assert.Contains("Data controls", link.TextContent, StringComparison.Ordinal);
    }

    /// <summary>Publishes the current commitments again as the next version, as an admin would; returns its number.</summary>
    private async Task<int> PublishCommitmentsAgainAsync()
    {
        await using var db = portal.CreateDbContext();
        var current = await db.ContentVersions.Include(v => v.Sections).OrderByDescending(v => v.Number).FirstAsync();
        var next = new ContentVersion
        {
            Number = current.Number + 1,
            EffectiveDate = current.EffectiveDate,
            PublishedAtUtc = DateTime.UtcNow,
            PublishedBy = "tests",
            ChangeSummary = "Republished for a test.",
            Sections = current.Sections.Select(s => new ContentSection { Order = s.Order, Slug = s.Slug, Title = s.Title, Summary = s.Summary, BodyMarkdown = s.BodyMarkdown + " " }).ToList(),
        };
        next.Sha256 = ContentHash.Compute(next.Sections);
        db.ContentVersions.Add(next);
        await db.SaveChangesAsync();
        return next.Number;
    }
}
