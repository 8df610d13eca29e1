using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Agreements.Library;

/// <summary>
/// Legal's library of executed agreements: search, filter and page them in the database, re-verify a stored PDF,
/// and void one with a reason. Every method checks that the caller is Legal.
/// </summary>
public sealed class AgreementLibrary(
    IDbContextFactory<AppDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    DocumentVerifier verifier,
    TimeProvider clock)
{
    public const int ReasonMaxLength = 1000;
    public const int MaxPageSize = 100;

    public async Task<AgreementLibraryResult> QueryAsync(AgreementFilter filter, AgreementSort sort, int page, int pageSize,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(sort);
        await DemandLegalAsync();
        if (filter.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(filter));
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var total = await Filter(db.Agreements.AsNoTracking(), filter).CountAsync(cancellationToken);
        var rows = await BuildPageQuery(db, filter, sort, page, pageSize).ToListAsync(cancellationToken);
        return new AgreementLibraryResult(rows, total);
    }

    /// <summary>
    /// Checks a stored PDF as a recipient's copy would be checked (seal valid and hash on record), and also that the
    /// bytes still hash to what was recorded for this agreement. Null when there is no such agreement.
    /// </summary>
    public async Task<VerificationResult?> VerifyStoredAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await DemandLegalAsync();
        byte[] content;
        string number, recorded;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var stored = await db.Agreements.AsNoTracking().Where(a => a.Id == id)
                .Join(db.AgreementDocuments, a => a.Id, d => d.AgreementId, (a, d) => new { a.Number, d.Content, d.Sha256 })
                .FirstOrDefaultAsync(cancellationToken);
            if (stored is null)
            {
                return null;
            }
            (content, number, recorded) = (stored.Content, stored.Number, stored.Sha256);
        }
        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(content)), recorded, StringComparison.OrdinalIgnoreCase))
        {
            return VerificationResult.NotAuthentic("The stored PDF no longer matches the SHA-256 recorded when it was executed: it was changed afterwards.");
        }
        var result = await verifier.VerifyAsync(content, cancellationToken);
        if (result.Authentic && !string.Equals(result.AgreementNumber, number, StringComparison.Ordinal))
        {
            return VerificationResult.NotAuthentic($"The stored PDF is the one issued as {result.AgreementNumber}, not {number}.");
        }
        return result;
    }

    /// <summary>
    /// Voids an executed or superseded agreement. The PDF is kept: a voided agreement still verifies as authentic and
    /// the verifier reports its status.
    /// </summary>
    public async Task<AgreementVoidResult> VoidAsync(Guid id, string? reason, CancellationToken cancellationToken = default)
    {
        if (!await currentUser.IsInRoleAsync(Roles.Legal))
        {
            return AgreementVoidResult.Refused("Only Legal can void agreements.");
        }
        if (ReasonProblem(reason) is { } problem)
        {
            return AgreementVoidResult.Refused(problem);
        }
        var text = reason!.Trim();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The kind never changes, so it is read before the transaction; the lock then makes a void and an execution
        // that supersedes the same agreement take turns, in any process, and a second void sees the first.
        var kind = await db.Agreements.AsNoTracking().Where(a => a.Id == id).Select(a => (AgreementKind?)a.Kind).FirstOrDefaultAsync(cancellationToken);
        if (kind is null)
        {
            return AgreementVoidResult.Refused("There is no such agreement.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await DatabaseCounters.LockAsync(db, DatabaseCounters.AgreementStatusLock(kind.Value.ToString()), cancellationToken);
        var agreement = await db.Agreements.FirstAsync(a => a.Id == id, cancellationToken);
        if (!CanVoid(agreement.Status))
        {
            return AgreementVoidResult.Refused($"{agreement.Number} is already void.");
        }
        var previous = agreement.Status;
        agreement.Status = AgreementStatus.Voided;
        agreement.StatusReason = text;
        agreement.StatusChangedAtUtc = clock.GetUtcNow().UtcDateTime;
        await audit.RecordAsync(db, "agreement.voided", nameof(Agreement), id.ToString(),
            new { agreement.Number, from = previous.ToString(), reason = text });
        AgreementWebhooks.Voided(db, agreement, agreement.StatusChangedAtUtc.Value);
        var citing = await db.Attestations.AsNoTracking()
            .Where(a => a.EvidenceId == id)
            .Select(a => a.Framework)
            .ToListAsync(cancellationToken);
        await AgreementAttestations.EvidenceVoidedAsync(db, audit, await currentUser.GetActorAsync(), agreement, agreement.StatusChangedAtUtc.Value);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AgreementVoidResult(true, null, agreement.Number, citing.Select(f => f.ToString().ToUpperInvariant()).Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>Only an agreement in force or replaced can be voided; a void is final.</summary>
    public static bool CanVoid(AgreementStatus status) => status is AgreementStatus.Executed or AgreementStatus.Superseded;

    /// <summary>What is wrong with a void reason, or null: 1 to 1000 characters after trimming, no control characters.</summary>
    public static string? ReasonProblem(string? reason)
    {
        var text = reason?.Trim() ?? "";
        if (text.Length == 0)
        {
            return "Give the reason for voiding; it is kept with the agreement and in the audit trail.";
        }
        if (text.Length > ReasonMaxLength)
        {
            return $"The reason is longer than {ReasonMaxLength} characters.";
        }
        // Line breaks included: the reason is shown on one line in the agreement page, the audit trail and the manifest.
        return text.Any(c => char.IsControl(c) || PlainTextAttribute.IsHidden(c)) ? "The reason cannot contain line breaks, tabs or other control characters." : null;
    }

    /// <summary>The page query exactly as it is sent to the database: filter, order, offset and limit.</summary>
    internal static IQueryable<AgreementLibraryRow> BuildPageQuery(AppDbContext db, AgreementFilter filter, AgreementSort sort, int page, int pageSize)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        return Order(Filter(db.Agreements.AsNoTracking(), filter), sort)
            .Skip(Math.Max(0, page) * pageSize)
            .Take(pageSize)
            .Select(a => new AgreementLibraryRow(a.Id, a.Number, a.Kind, a.Status, a.Organization!.Name, a.Customer.LegalName,
                a.TemplateVersion, a.ExecutedAtUtc, a.StatusReason));
    }

    /// <summary>The filter as a database predicate; shared with the export so both select the same agreements.</summary>
    internal static IQueryable<Agreement> Filter(IQueryable<Agreement> agreements, AgreementFilter filter)
    {
        if (filter.Kind is { } kind)
        {
            agreements = agreements.Where(a => a.Kind == kind);
        }
        if (filter.Statuses.Count > 0)
        {
            var statuses = filter.Statuses.Distinct().ToList();
            agreements = agreements.Where(a => statuses.Contains(a.Status));
        }
        if (filter.TemplateVersion is { } version)
        {
            agreements = agreements.Where(a => a.TemplateVersion == version);
        }
        if (filter.ExecutedFrom is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            agreements = agreements.Where(a => a.ExecutedAtUtc >= start);
        }
        if (filter.ExecutedTo is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            agreements = agreements.Where(a => a.ExecutedAtUtc < end);
        }
        // Case-insensitive on every provider: lower() on both sides rather than a collation or ILIKE. These calls are
        // SQL, not .NET: ToLower() is translated to lower(); the culture and StringComparison overloads the analyzers
        // ask for have no translation.
#pragma warning disable CA1304, CA1311, CA1862
        if (Term(filter.Organization) is { } organization)
        {
            agreements = agreements.Where(a => a.Organization!.Name.ToLower().Contains(organization) || a.Customer.LegalName.ToLower().Contains(organization));
        }
        if (Term(filter.Search) is { } search)
        {
            var number = search.ToUpperInvariant();
            agreements = agreements.Where(a => a.Number.Contains(number) || a.Organization!.Name.ToLower().Contains(search));
        }
#pragma warning restore CA1304, CA1311, CA1862
        return agreements;
    }

    private static IQueryable<Agreement> Order(IQueryable<Agreement> agreements, AgreementSort sort) => (sort.Column, sort.Descending) switch
    {
        // Every order ends on the unique number, so paging is stable.
        (AgreementSortColumn.Number, false) => agreements.OrderBy(a => a.Number),
        (AgreementSortColumn.Number, true) => agreements.OrderByDescending(a => a.Number),
        (AgreementSortColumn.Organization, false) => agreements.OrderBy(a => a.Organization!.Name).ThenBy(a => a.Number),
        (AgreementSortColumn.Organization, true) => agreements.OrderByDescending(a => a.Organization!.Name).ThenBy(a => a.Number),
        (AgreementSortColumn.Kind, false) => agreements.OrderBy(a => a.Kind).ThenByDescending(a => a.ExecutedAtUtc).ThenBy(a => a.Number),
        (AgreementSortColumn.Kind, true) => agreements.OrderByDescending(a => a.Kind).ThenByDescending(a => a.ExecutedAtUtc).ThenBy(a => a.Number),
        (AgreementSortColumn.Status, false) => agreements.OrderBy(a => a.Status).ThenByDescending(a => a.ExecutedAtUtc).ThenBy(a => a.Number),
        (AgreementSortColumn.Status, true) => agreements.OrderByDescending(a => a.Status).ThenByDescending(a => a.ExecutedAtUtc).ThenBy(a => a.Number),
        (_, false) => agreements.OrderBy(a => a.ExecutedAtUtc).ThenBy(a => a.Number),
        _ => agreements.OrderByDescending(a => a.ExecutedAtUtc).ThenByDescending(a => a.Number),
    };

    private static string? Term(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim().ToLower(CultureInfo.InvariantCulture);

    private async Task DemandLegalAsync()
    {
        if (!await currentUser.IsInRoleAsync(Roles.Legal))
        {
            throw new UnauthorizedAccessException("Only Legal can use the agreement library.");
        }
    }
}
