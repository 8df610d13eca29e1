using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Attestations;
using TrustPortal.Web.Features.DataControls;
using TrustPortal.Web.Shared;
using static TrustPortal.IntegrationTests.DataControls.DataControlsTestData;

namespace TrustPortal.IntegrationTests.DataControls;

/// <summary>Globex opts in and out again: sealed records, state, audit, emails, Legal's matrix, CSV and timeline.</summary>
public sealed class DataSharingElectionTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task OptIn_ThenOptOut_EachSealsAnElectionPdf_ChangesTheState_AndIsAuditedMailedAndShownToLegal()
    {
        var before = await ViewAsync(portal, GlobexEmail);
        Assert.NotNull(before);
        Assert.False(before.Election.OptedIn);
        Assert.Equal(0, before.Election.Revision);
        Assert.Null(before.Election.ElectedAtUtc);
        Assert.Equal("Off", before.Election.Label);
        Assert.EndsWith(",Off,Standard (30 days)", await CsvLineAsync(portal, "Globex Inc."), StringComparison.Ordinal);
        var commitment = before.Commitment!;
        Assert.Contains(commitment.Sections, s => s.Slug == DataSharingRules.CommitmentSectionSlug);

        // Opt in.
        var optIn = await ElectAsync(portal, GlobexEmail, SignatureFor(before, "gale  GLOBEX"));

        Assert.True(optIn.Succeeded, string.Join(" ", optIn.Errors.Select(e => e.ErrorMessage)));
        Assert.Matches(@"^ELECTION-\d{4}-\d{6}$", optIn.Number);
        DataSharingElection onRow;
        await using (var db = portal.CreateDbContext())
        {
            onRow = await db.DataSharingElections.SingleAsync(e => e.AgreementId == optIn.AgreementId);
            Assert.True(onRow.OptedIn);
            Assert.Equal(1, onRow.Revision);
            Assert.Equal(commitment.Version, onRow.CommitmentsVersion);
            Assert.Equal(commitment.Sha256, onRow.CommitmentsSha256);
            // The documented rule: data received from 00:00 UTC on the day after the election.
            Assert.Equal(onRow.ElectedAtUtc.Date.AddDays(1), onRow.EffectiveFromUtc);
            Assert.True(onRow.ElectedAtUtc > DateTime.UtcNow.AddMinutes(-5));

            var agreement = await db.Agreements.SingleAsync(a => a.Id == optIn.AgreementId);
            Assert.Equal(AgreementKind.Election, agreement.Kind);
            Assert.Equal(AgreementStatus.Executed, agreement.Status);
            Assert.Equal(commitment.Version, agreement.CommitmentsVersion);
            var document = await db.AgreementDocuments.SingleAsync(d => d.AgreementId == agreement.Id);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(document.Content)), document.Sha256);
            Assert.True(PdfTools.IsValidlySealed(document.Content), PdfTools.Pdfsig(document.Content));
            var text = PdfTools.Text(document.Content);
            Assert.Contains(optIn.Number!, text, StringComparison.Ordinal);
            Assert.Contains("Data Sharing Election", text, StringComparison.Ordinal);
            Assert.Contains(DataSharingDocument.CommitmentVersionText(commitment), text, StringComparison.Ordinal);
            Assert.Contains(commitment.Sha256, text, StringComparison.Ordinal);
            Assert.Contains("Opt in: API Data may be used for Data Sharing", text, StringComparison.Ordinal);
            Assert.Contains(onRow.EffectiveFromUtc.ToString("HH:mm:ss 'UTC on' d MMMM yyyy", CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
            // The commitment's own words, as published in that version.
            Assert.Contains("unless your organization has explicitly opted in", text, StringComparison.Ordinal);
            Assert.Contains("\"gale GLOBEX\"", text, StringComparison.Ordinal);
            // Anyone can check the copy at /verify, like any agreement.
            var verified = await VerifyAsync(portal, document.Content);
            Assert.True(verified.GetProperty("authentic").GetBoolean());
            Assert.Equal(optIn.Number, verified.GetProperty("agreementNumber").GetString());

            Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "data-sharing.opted-in" && e.EntityId == onRow.Id.ToString()));
            Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "agreement.executed" && e.EntityId == agreement.Id.ToString()));
            var mailed = await db.OutboxMessages.Where(m => m.Subject.Contains(optIn.Number!)).Select(m => m.To).ToListAsync();
            Assert.Contains(GlobexEmail, mailed);
            Assert.Contains(LegalEmail, mailed);
            Assert.DoesNotContain(AcmeEmail, mailed);
        }

        var on = await ViewAsync(portal, GlobexEmail);
        Assert.True(on!.Election.OptedIn);
        Assert.Equal(onRow.EffectiveFromUtc, on.Election.EffectiveFromUtc);
        Assert.Equal(optIn.AgreementId, on.Election.AgreementId);
        Assert.EndsWith($",On from {onRow.EffectiveFromUtc:yyyy-MM-dd} (UTC),Standard (30 days)", await CsvLineAsync(portal, "Globex Inc."), StringComparison.Ordinal);

        // Opt out again, at once.
        var optOut = await ElectAsync(portal, GlobexEmail, SignatureFor(on, GlobexName));

        Assert.True(optOut.Succeeded, string.Join(" ", optOut.Errors.Select(e => e.ErrorMessage)));
        Assert.NotEqual(optIn.Number, optOut.Number);
        await using (var db = portal.CreateDbContext())
        {
            var offRow = await db.DataSharingElections.SingleAsync(e => e.AgreementId == optOut.AgreementId);
            Assert.False(offRow.OptedIn);
            Assert.Equal(2, offRow.Revision);
            Assert.Equal(offRow.ElectedAtUtc, offRow.EffectiveFromUtc);
            var document = await db.AgreementDocuments.SingleAsync(d => d.AgreementId == optOut.AgreementId);
            Assert.True(PdfTools.IsValidlySealed(document.Content), PdfTools.Pdfsig(document.Content));
            var text = PdfTools.Text(document.Content);
            Assert.Contains("Opt out: API Data is not used for Data Sharing", text, StringComparison.Ordinal);
            Assert.Contains(DataSharingDocument.CommitmentVersionText(commitment), text, StringComparison.Ordinal);
            Assert.Contains($"The earlier election {optIn.Number}", text, StringComparison.Ordinal);
            var first = await db.Agreements.SingleAsync(a => a.Id == optIn.AgreementId);
            Assert.Equal(AgreementStatus.Superseded, first.Status);
            Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "data-sharing.opted-out" && e.EntityId == offRow.Id.ToString()));
            var mailed = await db.OutboxMessages.Where(m => m.Subject.Contains(optOut.Number!)).ToListAsync();
            Assert.Contains(mailed, m => m.To == GlobexEmail && m.TextBody.Contains("took effect at once", StringComparison.Ordinal));
            Assert.Contains(mailed, m => m.To == LegalEmail);

            var off = await ViewAsync(portal, GlobexEmail);
            Assert.False(off!.Election.OptedIn);
            Assert.Equal(offRow.ElectedAtUtc, off.Election.ElectedAtUtc);
            Assert.Equal([optOut.AgreementId!.Value, optIn.AgreementId!.Value], off.History.Select(h => h.AgreementId));
            Assert.EndsWith($",Off since {offRow.ElectedAtUtc:yyyy-MM-dd} (UTC),Standard (30 days)", await CsvLineAsync(portal, "Globex Inc."), StringComparison.Ordinal);
        }

        // Legal's matrix and the organization's timeline.
        await using var scope = portal.ScopeAs(await portal.PrincipalForAsync(LegalEmail));
        var attestations = scope.ServiceProvider.GetRequiredService<AttestationService>();
        var row = Assert.Single((await attestations.QueryAsync(new AttestationQuery(Search: "Globex"))).Rows);
        // The training election is the matrix's first data control; data retention follows it.
        var control = Assert.Single(row.Controls, c => c.Control == TrainingElectionControl.Name);
        Assert.Equal(TrainingElectionControl.Name, row.Controls[0].Control);
        Assert.False(control.On);
        Assert.Equal($"/agreements/{optOut.AgreementId}", control.Link);
        var (_, timeline) = (await attestations.GetOrganizationAsync(row.OrganizationId))!.Value;
        Assert.Contains(timeline, e => e.Title == $"Data sharing turned on ({optIn.Number})" && e.Link == $"/agreements/{optIn.AgreementId}");
        Assert.Contains(timeline, e => e.Title == $"Data sharing turned off ({optOut.Number})");
    }
}
