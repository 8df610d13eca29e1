using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using netDumbster.smtp;
using TrustPortal.Testing;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Shared;

namespace TrustPortal.Benchmarks.ScaleOut;

public sealed record ScaleOutCheckResult(
    int AcknowledgedStoredValid, int StoredNotAcknowledged, int Numbers, int Gaps, int Duplicates, int InvalidPdfs,
    bool AuditChainIntact, string AuditChain, int EmailsQueued, int EmailsReceived, int EmailsDistinct, int EmailsLost);

/// <summary>What the database and the SMTP server hold once the load has stopped and the outbox has drained.</summary>
public static class ScaleOutChecks
{
    public static async Task<ScaleOutCheckResult> RunAsync(ScaleOutAdmin admin, SimpleSmtpServer smtp, IReadOnlySet<string> acknowledged)
    {
        await using var db = admin.CreateDbContext();

        // The survivor (and this host) take over what the dead instance had claimed once its lease runs out.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (await db.OutboxMessages.AnyAsync(m => m.SentAtUtc == null) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }
        await Task.Delay(TimeSpan.FromSeconds(2));

        var year = DateTime.UtcNow.Year;
        var sequences = await db.Agreements.Where(a => a.Kind == AgreementKind.Dpa && a.Year == year).Select(a => a.Sequence).ToListAsync();
        var numbers = sequences.Count == 0 ? 0 : sequences.Max();
        var gaps = numbers - sequences.Distinct().Count();
        var duplicates = sequences.Count - sequences.Distinct().Count();

        // The run's executions: every signing link that was used.
        var executed = await db.SignatureRequests.Where(r => r.AgreementId != null)
            .Join(db.Agreements, r => r.AgreementId, a => a.Id, (r, a) => new { a.Id, a.Number })
            .ToListAsync();
        var valid = new HashSet<string>();
        var invalid = 0;
        foreach (var agreement in executed)
        {
            var pdf = await db.AgreementDocuments.Where(d => d.AgreementId == agreement.Id).Select(d => d.Content).SingleOrDefaultAsync();
            if (pdf is not null && PdfTools.IsValidlySealed(pdf))
            {
                valid.Add(agreement.Number);
            }
            else
            {
                invalid++;
            }
        }

        var report = await admin.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync();
        var queued = await db.OutboxMessages.Select(m => m.Id).ToListAsync();
        var received = smtp.ReceivedEmail.Select(ScaleOutAdmin.MessageId).Select(id => id.Split('@')[0]).ToList();
        var lost = queued.Select(id => id.ToString("N")).Except(received).Count();
        return new ScaleOutCheckResult(
            acknowledged.Count(valid.Contains), executed.Count(e => !acknowledged.Contains(e.Number)), numbers, gaps, duplicates, invalid,
            report.IsIntact, report.IsIntact ? $"intact, {report.EventsChecked} events" : $"{report.Problem} {report.Evidence}",
            queued.Count, received.Count, received.Distinct().Count(), lost);
    }
}
