using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TrustPortal.IntegrationTests.Reliability;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Shared;
using static TrustPortal.IntegrationTests.DataControls.DataControlsTestData;

namespace TrustPortal.IntegrationTests.DataControls;

/// <summary>Two instances on one database: the database, not a process, decides which of two simultaneous elections counts.</summary>
public sealed partial class DataSharingTwoHostTests(TwoHostsOnOneDatabase hosts) : IClassFixture<TwoHostsOnOneDatabase>
{
    private const int Rounds = 6;

    [Fact]
    public async Task SameElection_SentToBothHostsAtOnce_CountsOnce_PerRound_WithConsecutiveSealedNumbers()
    {
        var members = new[] { (GlobexEmail, GlobexName), (AcmeEmail, AcmeName) };
        var executed = new List<Guid>();
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var (email, name) in members)
            {
                // Both instances get the signature made from the same page: only one may change the election.
                var view = await ViewAsync(hosts.First, email);
                var results = await Task.WhenAll(
                    Task.Run(() => ElectAsync(hosts.First, email, SignatureFor(view!, name))),
                    Task.Run(() => ElectAsync(hosts.Second, email, SignatureFor(view!, name))));

                var done = Assert.Single(results, r => r.Succeeded);
                var refused = Assert.Single(results, r => !r.Succeeded);
                Assert.Contains("changed the election since you opened this page", Assert.Single(refused.Errors).ErrorMessage, StringComparison.Ordinal);
                executed.Add(done.AgreementId!.Value);
            }
        }

        await using var db = hosts.First.CreateDbContext();
        foreach (var (email, _) in members)
        {
            var organizationId = await db.Users.Where(u => u.Email == email).Select(u => u.OrganizationId!.Value).SingleAsync();
            var revisions = await db.DataSharingElections.Where(e => e.OrganizationId == organizationId).OrderBy(e => e.Revision).ToListAsync();
            Assert.Equal(Enumerable.Range(1, Rounds), revisions.Select(e => e.Revision));
            // Each change is the opposite of the one before: on, off, on, ...
            Assert.Equal(Enumerable.Range(0, Rounds).Select(i => i % 2 == 0), revisions.Select(e => e.OptedIn));
            Assert.False((await ViewAsync(hosts.Second, email))!.Election.OptedIn);
        }
        var agreements = await db.Agreements.Where(a => a.Kind == AgreementKind.Election).OrderBy(a => a.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, executed.Count), agreements.Select(a => a.Sequence));
        Assert.Equal(executed.Order(), agreements.Select(a => a.Id).Order());
        foreach (var agreement in agreements)
        {
            var pdf = await db.AgreementDocuments.Where(d => d.AgreementId == agreement.Id).Select(d => d.Content).SingleAsync();
            Assert.True(PdfTools.IsValidlySealed(pdf), PdfTools.Pdfsig(pdf));
            Assert.Equal([agreement.Number], ElectionNumber().Matches(PdfTools.Text(pdf)).Select(m => m.Value).Where(n => n != PreviousOf(agreements, agreement)).Distinct());
        }
    }

    /// <summary>The election a document replaces is printed too; it is the one number besides its own.</summary>
    private static string? PreviousOf(List<Agreement> agreements, Agreement agreement) =>
        agreements.Where(a => a.OrganizationId == agreement.OrganizationId && a.Sequence < agreement.Sequence).OrderByDescending(a => a.Sequence).FirstOrDefault()?.Number;

    [GeneratedRegex(@"ELECTION-\d{4}-\d{6}")]
    private static partial Regex ElectionNumber();
}
