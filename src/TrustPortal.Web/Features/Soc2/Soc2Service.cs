using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Documents;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Attestations;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Security;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Soc2;

/// <summary>
/// The NDA-gated SOC 2 report: a customer accepts the current NDA for themselves, then downloads the current report
/// watermarked with their name, organization, email and the time. Each delivery is audited and keeps the
/// organization's SOC 2 attestation current. An acceptance belongs to one person in one organization.
/// </summary>
public sealed class Soc2Service(
    IDbContextFactory<AppDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    TimeProvider clock,
    ILogger<Soc2Service> logger)
{
    /// <summary>The report's validity for attestations: its period end plus this many months.</summary>
    public const int ValidityMonths = 12;

    /// <summary>The signed-in customer's view; null for anyone who is not a member of a customer organization.</summary>
    public async Task<Soc2Status?> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        if (await CustomerAsync() is not (UserSnapshot me, Guid organizationId))
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organizationName = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Name).FirstAsync(cancellationToken);
        var report = await db.Soc2Reports.AsNoTracking()
            .OrderByDescending(r => r.PublishedAtUtc)
            .Select(r => new Soc2ReportInfo(r.Id, r.Title, r.Auditor, r.PeriodStart, r.PeriodEnd, r.PublishedAtUtc, r.Content.Length))
            .FirstOrDefaultAsync(cancellationToken);
        var acceptance = await CurrentAcceptances(db, me.Id, organizationId).AsNoTracking()
            .OrderByDescending(a => a.AcceptedAtUtc)
            .Select(a => new NdaAcceptanceInfo(a.Id, a.TypedName, a.AcceptedAtUtc, a.DeliveredAtUtc))
            .FirstOrDefaultAsync(cancellationToken);
        return new Soc2Status(me.DisplayName, organizationName, report, acceptance);
    }

    /// <summary>
    /// Accepts the current NDA for the signed-in customer: the typed name must be their own and consent given. Records
    /// time, IP address, user agent, NDA version and hash. Accepting again while an acceptance stands changes nothing.
    /// </summary>
    public async Task<NdaResult> AcceptAsync(string? typedName, bool consent, CancellationToken cancellationToken = default)
    {
        if (await CustomerAsync() is not (UserSnapshot me, Guid organizationId))
        {
            return NdaResult.Invalid("Only members of a customer organization can accept the NDA.");
        }
        var signature = new NdaSignature { TypedName = typedName ?? "", Consent = consent };
        var errors = FormValidation.Validate(signature);
        if (string.IsNullOrWhiteSpace(me.DisplayName))
        {
            errors.Add(new ValidationResult("Add your full name to your account first; you accept the NDA under that name."));
        }
        else if (!errors.Any(e => e.MemberNames.Contains(nameof(NdaSignature.TypedName))) && !SignatureMatching.Matches(signature.TypedName, me.DisplayName))
        {
            errors.Add(new ValidationResult($"Type your name exactly as it is on your account: {me.DisplayName.Trim()}.", [nameof(NdaSignature.TypedName)]));
        }
        if (errors.Count > 0)
        {
            return NdaResult.Invalid(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Soc2Reports.AnyAsync(cancellationToken))
        {
            return NdaResult.Invalid("No SOC 2 report is published yet, so there is nothing to accept the NDA for. Please check back later.");
        }
        var existing = await CurrentAcceptances(db, me.Id, organizationId).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is { } id)
        {
            return NdaResult.Accepted(id);
        }
        var actor = await currentUser.GetActorAsync();
        var userAgent = Truncate(currentUser.GetUserAgent(), 512);
        var acceptance = new NdaAcceptance
        {
            OrganizationId = organizationId,
            UserId = me.Id,
            UserName = me.DisplayName.Trim(),
            Email = me.Email,
            NdaVersion = NdaText.Version,
            NdaSha256 = NdaText.Sha256,
            TypedName = signature.TypedName.Trim(),
            AcceptedAtUtc = clock.GetUtcNow().UtcDateTime,
            IpAddress = actor.IpAddress,
            UserAgent = userAgent,
        };
        db.NdaAcceptances.Add(acceptance);
        audit.Record(db, actor, "nda.accepted", nameof(NdaAcceptance), acceptance.Id.ToString(), new
        {
            organizationId,
            ndaVersion = acceptance.NdaVersion,
            ndaSha256 = acceptance.NdaSha256,
            typedName = acceptance.TypedName,
            userAgent,
        });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("NDA v{Version} accepted by user {UserId} of organization {OrganizationId}.", NdaText.Version, me.Id, organizationId);
        return NdaResult.Accepted(acceptance.Id);
    }

    /// <summary>
    /// The current report watermarked for the signed-in customer, recording the delivery; null (nothing to say) when
    /// there is no report or the caller is not a customer who has accepted the current NDA.
    /// </summary>
    public async Task<Soc2Download?> DownloadAsync(CancellationToken cancellationToken = default)
    {
        if (await CustomerAsync() is not (UserSnapshot me, Guid organizationId))
        {
            return null;
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryDeliverAsync(me, organizationId, cancellationToken);
            }
            catch (DbUpdateException exception) when (attempt < 3 && exception is not DbUpdateConcurrencyException)
            {
                // Two first deliveries for one organization at once both create its SOC 2 attestation; the loser
                // finds the winner's row on the next attempt and updates it.
                logger.LogWarning(exception, "SOC 2 delivery collided on attempt {Attempt}; retrying.", attempt);
            }
        }
    }

    private async Task<Soc2Download?> TryDeliverAsync(UserSnapshot me, Guid organizationId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var acceptance = await CurrentAcceptances(db, me.Id, organizationId)
            .OrderByDescending(a => a.AcceptedAtUtc)
            .FirstOrDefaultAsync(cancellationToken);
        if (acceptance is null)
        {
            return null;
        }
        var report = await db.Soc2Reports.AsNoTracking().OrderByDescending(r => r.PublishedAtUtc).FirstOrDefaultAsync(cancellationToken);
        if (report is null)
        {
            return null;
        }
        var organizationName = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Name).FirstAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var (lines, footer) = Watermark(acceptance.UserName, organizationName, acceptance.Email, now);
        var pdf = ReportWatermark.Apply(report.Content, lines, footer);

        acceptance.ReportId = report.Id;
        acceptance.DeliveredAtUtc = now;
        var actor = await currentUser.GetActorAsync();
        audit.Record(db, actor, "soc2.report.delivered", nameof(Soc2Report), report.Id.ToString(), new
        {
            organizationId,
            acceptanceId = acceptance.Id,
            ndaVersion = acceptance.NdaVersion,
            reportSha256 = report.Sha256,
            deliveredSha256 = Convert.ToHexStringLower(SHA256.HashData(pdf)),
        });
        var expires = report.PeriodEnd.AddMonths(ValidityMonths).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var label = Truncate($"SOC 2 report to {report.PeriodEnd:d MMM yyyy} delivered to {acceptance.Email} under NDA v{acceptance.NdaVersion}", 200)!;
        await AttestationLedger.CoverAsync(db, audit, actor, organizationId, [ComplianceFramework.Soc2Type2],
            new AttestationEvidence(nameof(NdaAcceptance), acceptance.Id, label, expires), now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("SOC 2 report {ReportId} delivered to user {UserId} of organization {OrganizationId}.", report.Id, me.Id, organizationId);
        return new Soc2Download(string.IsNullOrWhiteSpace(report.FileName) ? "soc2-report.pdf" : report.FileName, pdf);
    }

    /// <summary>What every page of a delivered copy says about its reader.</summary>
    public static (IReadOnlyList<string> Lines, string Footer) Watermark(string name, string organization, string email, DateTime deliveredAtUtc)
    {
        var time = deliveredAtUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return (
            ["CONFIDENTIAL", name, organization, email, $"{time} UTC · NDA v{NdaText.Version}"],
            $"Confidential — provided to {name}, {organization}, {email} on {time} UTC under NDA v{NdaText.Version}");
    }

    /// <summary>Every NDA acceptance, newest first, a page at a time; Legal only.</summary>
    public async Task<(List<NdaAcceptanceRow> Items, int Total)> ListAcceptancesAsync(int page, int pageSize, string? search = null,
        CancellationToken cancellationToken = default)
    {
        if (!await currentUser.IsInRoleAsync(Roles.Legal))
        {
            throw new UnauthorizedAccessException("Only Legal can read NDA acceptances.");
        }
        pageSize = Math.Clamp(pageSize, 1, 100);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query =
            from a in db.NdaAcceptances.AsNoTracking()
            join o in db.Organizations.AsNoTracking() on a.OrganizationId equals o.Id
            select new { Acceptance = a, OrganizationName = o.Name };
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            query = query.Where(x => x.OrganizationName.Contains(term) || x.Acceptance.UserName.Contains(term) || x.Acceptance.Email.Contains(term));
        }
        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderByDescending(x => x.Acceptance.AcceptedAtUtc).ThenBy(x => x.Acceptance.Id)
            .Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .Select(x => new NdaAcceptanceRow(x.Acceptance.Id, x.OrganizationName, x.Acceptance.UserName, x.Acceptance.Email, x.Acceptance.TypedName,
                x.Acceptance.NdaVersion, x.Acceptance.AcceptedAtUtc, x.Acceptance.IpAddress, x.Acceptance.UserAgent, x.Acceptance.DeliveredAtUtc))
            .ToListAsync(cancellationToken);
        return (items, total);
    }

    // The exact current text, accepted by this person for this organization: someone who moves organization accepts again.
    private static IQueryable<NdaAcceptance> CurrentAcceptances(AppDbContext db, string userId, Guid organizationId) =>
        db.NdaAcceptances.Where(a => a.UserId == userId && a.OrganizationId == organizationId
            && a.NdaVersion == NdaText.Version && a.NdaSha256 == NdaText.Sha256);

    private async Task<(UserSnapshot User, Guid OrganizationId)?> CustomerAsync()
    {
        if (!await currentUser.IsInRoleAsync(Roles.Customer))
        {
            return null;
        }
        var me = await currentUser.GetAsync();
        return me?.OrganizationId is { } organizationId ? (me, organizationId) : null;
    }

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
