using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Documents;

/// <summary>One company's reading of the library, counted from the recorded views and downloads.</summary>
public sealed record AccountRow(
    string Domain,
    string Company,
    int Viewers,
    int Views,
    int Downloads,
    int DocumentsViewed,
    int DocumentsDownloaded,
    bool NdaOnFile,
    DateTime LastActivityAtUtc,
    string? OwnerUserId,
    string? OwnerName);

/// <summary>Views and downloads on one day, for the chart.</summary>
public sealed record ActivityDay(DateOnly Day, int Views, int Downloads);

/// <summary>Sales' view of who read what, per company (the readers' email domain), with a CSV of the same rows.</summary>
public sealed class AccountAnalytics(IDbContextFactory<AppDbContext> dbFactory, CurrentUser currentUser, AuditTrail audit, TimeProvider clock)
{
    public async Task<List<AccountRow>> ListAsync(string? search = null, CancellationToken cancellationToken = default)
    {
        await RequireSalesAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var activity = db.DocumentActivities.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = SearchPattern.Contains(search);
            activity = activity.Where(a => SearchText.Like(a.Domain, pattern) || SearchText.Like(a.Email, pattern));
        }
        var counts = await activity
            .GroupBy(a => a.Domain)
            .Select(g => new
            {
                Domain = g.Key,
                Viewers = g.Select(a => a.Email).Distinct().Count(),
                Views = g.Count(a => a.Kind == DocumentActivityKind.View),
                Downloads = g.Count(a => a.Kind == DocumentActivityKind.Download),
                DocumentsViewed = g.Where(a => a.Kind == DocumentActivityKind.View).Select(a => a.DocumentId).Distinct().Count(),
                DocumentsDownloaded = g.Where(a => a.Kind == DocumentActivityKind.Download).Select(a => a.DocumentId).Distinct().Count(),
                Last = g.Max(a => a.AtUtc),
            })
            .ToListAsync(cancellationToken);
        var domains = counts.Select(c => c.Domain).ToList();
        var viewers = await db.TrustViewers.AsNoTracking().Where(v => domains.Contains(v.Domain))
            .Select(v => new { v.Domain, v.Company, Nda = v.NdaAcceptedAtUtc != null }).ToListAsync(cancellationToken);
        // Only this page's companies: each address's domain is compared in the database, so a large customer base is
        // never loaded to label a few rows. These overloads are the ones EF Core translates (instr/strpos, lower).
#pragma warning disable CA1304, CA1311, CA1866
        var ndaDomains = (await db.NdaAcceptances.AsNoTracking()
            .Select(a => a.Email.Substring(a.Email.IndexOf("@") + 1).ToLower())
            .Where(d => domains.Contains(d))
            .Distinct()
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var organizationByDomain = (await (
                from u in db.Users.AsNoTracking()
                join o in db.Organizations.AsNoTracking() on u.OrganizationId equals o.Id
                let domain = u.Email!.Substring(u.Email.IndexOf("@") + 1).ToLower()
                where domains.Contains(domain)
                select new { Domain = domain, o.Name })
            .ToListAsync(cancellationToken))
            .GroupBy(x => x.Domain, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
#pragma warning restore CA1304, CA1311, CA1866
        var accounts = await db.TrustAccounts.AsNoTracking().Where(a => domains.Contains(a.Domain))
            .Select(a => new { a.Domain, a.OwnerUserId, Owner = db.Users.Where(u => u.Id == a.OwnerUserId).Select(u => u.DisplayName).FirstOrDefault() })
            .ToDictionaryAsync(a => a.Domain, cancellationToken);

        return counts
            .Select(c =>
            {
                var company = organizationByDomain.GetValueOrDefault(c.Domain)
                    ?? viewers.Where(v => v.Domain == c.Domain && v.Company.Length > 0).Select(v => v.Company).FirstOrDefault()
                    ?? c.Domain;
                var nda = ndaDomains.Contains(c.Domain) || viewers.Any(v => v.Domain == c.Domain && v.Nda);
                var account = accounts.GetValueOrDefault(c.Domain);
                return new AccountRow(c.Domain, company, c.Viewers, c.Views, c.Downloads, c.DocumentsViewed, c.DocumentsDownloaded, nda, c.Last,
                    account?.OwnerUserId, account?.Owner);
            })
            .OrderByDescending(r => r.LastActivityAtUtc)
            .ToList();
    }

    /// <summary>Views and downloads per day over the last <paramref name="days"/> days, for all companies or one.</summary>
    public async Task<List<ActivityDay>> DailyAsync(int days, string? domain = null, CancellationToken cancellationToken = default)
    {
        await RequireSalesAsync();
        days = Math.Clamp(days, 1, 366);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var since = today.AddDays(1 - days).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.DocumentActivities.AsNoTracking().Where(a => a.AtUtc >= since);
        if (!string.IsNullOrEmpty(domain))
        {
            query = query.Where(a => a.Domain == domain);
        }
        var rows = await query.Select(a => new { a.AtUtc, a.Kind }).ToListAsync(cancellationToken);
        var byDay = rows.GroupBy(r => DateOnly.FromDateTime(r.AtUtc)).ToDictionary(g => g.Key,
            g => (Views: g.Count(r => r.Kind == DocumentActivityKind.View), Downloads: g.Count(r => r.Kind == DocumentActivityKind.Download)));
        return Enumerable.Range(0, days).Select(i => today.AddDays(i - days + 1))
            .Select(day => byDay.TryGetValue(day, out var c) ? new ActivityDay(day, c.Views, c.Downloads) : new ActivityDay(day, 0, 0))
            .ToList();
    }

    /// <summary>The same rows as the page, one line per company, in UTC.</summary>
    public async Task<string> CsvAsync(CancellationToken cancellationToken = default)
    {
        var rows = await ListAsync(null, cancellationToken);
        var csv = new StringBuilder();
        csv.Append(Csv.Row(["Company", "Domain", "Viewers", "Views", "Downloads", "Documents viewed", "Documents downloaded", "NDA on file", "Last activity (UTC)", "Owner"])).Append(Csv.LineEnding);
        foreach (var r in rows)
        {
            csv.Append(Csv.Row([r.Company, r.Domain, Number(r.Viewers), Number(r.Views), Number(r.Downloads), Number(r.DocumentsViewed),
                Number(r.DocumentsDownloaded), r.NdaOnFile ? "yes" : "no", r.LastActivityAtUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), r.OwnerName ?? ""])).Append(Csv.LineEnding);
        }
        return csv.ToString();
    }

    /// <summary>Sets who owns the account (a Sales member, or nobody); the owner gets its review reminder.</summary>
    public async Task<FormOutcome> SetOwnerAsync(string domain, string? ownerUserId, CancellationToken cancellationToken = default)
    {
        await RequireSalesAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await db.TrustAccounts.FirstOrDefaultAsync(a => a.Domain == domain, cancellationToken);
        if (account is null)
        {
            return FormOutcome.Invalid("An account opens with its first download; this company has not downloaded anything yet.");
        }
        if (ownerUserId is not null && !await db.UserRoles.AnyAsync(ur => ur.UserId == ownerUserId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Sales), cancellationToken))
        {
            return FormOutcome.Invalid("Choose a member of Sales as the owner.");
        }
        account.OwnerUserId = ownerUserId;
        await audit.RecordAsync(db, "account.owner.changed", nameof(TrustAccount), domain, new { ownerUserId });
        await db.SaveChangesAsync(cancellationToken);
        return FormOutcome.Ok();
    }

    public async Task<List<StaffOwner>> SalesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking()
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Sales)))
            .OrderBy(u => u.DisplayName).Select(u => new StaffOwner(u.Id, u.DisplayName)).ToListAsync(cancellationToken);
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private async Task RequireSalesAsync()
    {
        if (!await currentUser.IsInRoleAsync(Roles.Sales) && !await currentUser.IsInRoleAsync(Roles.Admin))
        {
            throw new UnauthorizedAccessException("Only Sales and Admins read account analytics.");
        }
    }
}
