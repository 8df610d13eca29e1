using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Documents;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Attestations;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.Soc2;
using TrustPortal.Web.Security;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.TrustCenter.Admin;

/// <summary>
/// The compliance program on /compliance and the SOC 2 report behind it; Admin only. Every change evicts the public
/// cache; a new report makes customers' SOC 2 attestations Expiring until they fetch it.
/// </summary>
public sealed class CertificationAdminService(
    IDbContextFactory<AppDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    TrustCenterService trustCenter,
    TimeProvider clock,
    ILogger<CertificationAdminService> logger)
{
    public const int MaxReportBytes = 20 * 1024 * 1024;

    public async Task<List<Certification>> ListAsync(CancellationToken cancellationToken = default)
    {
        await EnsureAdminAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Certifications.AsNoTracking().OrderBy(c => c.Order).ThenBy(c => c.Name).ToListAsync(cancellationToken);
    }

    /// <summary>Saves a certification (a new one when <see cref="CertificationInput.Id"/> is 0).</summary>
    public async Task<AdminResult> SaveAsync(CertificationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await EnsureAdminAsync();
        var errors = CertificationRules.Validate(input);
        if (errors.Count > 0)
        {
            return AdminResult.Invalid(errors);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        Certification? certification;
        if (input.Id == 0)
        {
            certification = new Certification { Order = (await db.Certifications.MaxAsync(c => (int?)c.Order, cancellationToken) ?? 0) + 1 };
            db.Certifications.Add(certification);
        }
        else
        {
            certification = await db.Certifications.FirstOrDefaultAsync(c => c.Id == input.Id, cancellationToken);
            if (certification is null)
            {
                return AdminResult.Invalid([new ValidationResult("This certification no longer exists. Reload the page.")]);
            }
        }
        var before = new { certification.Framework, certification.Status, certification.Name };
        certification.Framework = input.Framework;
        certification.Status = input.Status;
        certification.Name = input.Name.Trim();
        certification.Summary = input.Summary.Trim();
        certification.HowToObtain = input.HowToObtain.Trim();
        certification.Auditor = string.IsNullOrWhiteSpace(input.Auditor) ? null : input.Auditor.Trim();
        certification.PeriodStart = input.PeriodStart;
        certification.PeriodEnd = input.PeriodEnd;
        var actor = await currentUser.GetActorAsync();
        // A new certification's id comes from the first save; the audit event that names it commits with it, or neither does.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(db, actor, "certification.updated", nameof(Certification), certification.Id.ToString(CultureInfo.InvariantCulture), new
        {
            framework = certification.Framework.ToString(),
            status = certification.Status.ToString(),
            previousStatus = input.Id == 0 ? null : before.Status.ToString(),
            certification.Name,
            periodStart = certification.PeriodStart?.ToString("O", CultureInfo.InvariantCulture),
            periodEnd = certification.PeriodEnd?.ToString("O", CultureInfo.InvariantCulture),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await trustCenter.EvictCacheAsync(cancellationToken);
        return AdminResult.Ok(certification.Id);
    }

    /// <summary>The reports published so far, newest (current) first, without their content.</summary>
    public async Task<List<Soc2ReportRow>> ListReportsAsync(CancellationToken cancellationToken = default)
    {
        await EnsureAdminAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Soc2Reports.AsNoTracking()
            .OrderByDescending(r => r.PublishedAtUtc)
            .Select(r => new Soc2ReportRow(r.Id, r.Title, r.Auditor, r.PeriodStart, r.PeriodEnd, r.FileName, r.Sha256, r.PublishedAtUtc, r.PublishedBy, r.Content.Length))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Publishes a new SOC 2 report (a readable PDF of at most 20 MB). It becomes the current report at once; every
    /// Current SOC 2 attestation becomes Expiring, all in one unit of work.
    /// </summary>
    public async Task<AdminResult> PublishReportAsync(Soc2ReportInput input, string? fileName, byte[]? content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await EnsureAdminAsync();
        var errors = CertificationRules.Validate(input);
        errors.AddRange(CertificationRules.ValidateReportFile(fileName, content));
        if (errors.Count > 0)
        {
            return AdminResult.Invalid(errors);
        }
        var actor = await currentUser.GetActorAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        var report = new Soc2Report
        {
            Title = input.Title.Trim(),
            Auditor = input.Auditor.Trim(),
            PeriodStart = input.PeriodStart!.Value,
            PeriodEnd = input.PeriodEnd!.Value,
            FileName = CertificationRules.SafeFileName(fileName!),
            Content = content!,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content!)),
            PublishedAtUtc = now,
            PublishedBy = actor.Name,
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Soc2Reports.Add(report);
        audit.Record(db, actor, "soc2.report.published", nameof(Soc2Report), report.Id.ToString(), new
        {
            report.Title,
            report.Auditor,
            periodStart = report.PeriodStart.ToString("O", CultureInfo.InvariantCulture),
            periodEnd = report.PeriodEnd.ToString("O", CultureInfo.InvariantCulture),
            report.FileName,
            report.Sha256,
            bytes = content!.Length,
        });
        var expiring = await Soc2Attestations.MarkExpiringAsync(db, audit, actor, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await trustCenter.EvictCacheAsync(cancellationToken);
        logger.LogInformation("SOC 2 report {ReportId} published; {Count} SOC 2 attestations now expiring.", report.Id, expiring);
        return AdminResult.Ok(expiring);
    }

    private async Task EnsureAdminAsync()
    {
        if (!await currentUser.IsInRoleAsync(Roles.Admin))
        {
            throw new UnauthorizedAccessException("Only administrators can change the compliance program.");
        }
    }
}

/// <summary>A certification as the editor fills it in.</summary>
public sealed class CertificationInput
{
    public int Id { get; set; }
    public ComplianceFramework Framework { get; set; }
    public CertificationStatus Status { get; set; }
    public string Name { get; set; } = "";
    public string Summary { get; set; } = "";
    public string HowToObtain { get; set; } = "";
    public string? Auditor { get; set; }
    public DateOnly? PeriodStart { get; set; }
    public DateOnly? PeriodEnd { get; set; }

    public static CertificationInput From(Certification c) => new()
    {
        Id = c.Id, Framework = c.Framework, Status = c.Status, Name = c.Name, Summary = c.Summary, HowToObtain = c.HowToObtain,
        Auditor = c.Auditor, PeriodStart = c.PeriodStart, PeriodEnd = c.PeriodEnd,
    };
}

/// <summary>What describes a new SOC 2 report besides its file.</summary>
public sealed class Soc2ReportInput
{
    public string Title { get; set; } = "";
    public string Auditor { get; set; } = "";
    public DateOnly? PeriodStart { get; set; }
    public DateOnly? PeriodEnd { get; set; }
}

public sealed record Soc2ReportRow(Guid Id, string Title, string Auditor, DateOnly PeriodStart, DateOnly PeriodEnd, string FileName, string Sha256,
    DateTime PublishedAtUtc, string PublishedBy, int Bytes);

/// <summary>The outcome of an admin change: an id or count on success, or the messages per field.</summary>
public sealed record AdminResult(bool Succeeded, IReadOnlyList<ValidationResult> Errors, int Value = 0)
{
    public static AdminResult Ok(int value = 0) => new(true, [], value);

    public static AdminResult Invalid(IReadOnlyList<ValidationResult> errors) => new(false, errors);
}

public static class CertificationRules
{
    public const int NameMaxLength = 200;
    public const int TextMaxLength = 2000;
    public const int AuditorMaxLength = 200;

    public static List<ValidationResult> Validate(CertificationInput c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var errors = new List<ValidationResult>();
        if (!Enum.IsDefined(c.Framework))
        {
            errors.Add(new ValidationResult("Choose a framework.", [nameof(c.Framework)]));
        }
        if (!Enum.IsDefined(c.Status))
        {
            errors.Add(new ValidationResult("Choose a status.", [nameof(c.Status)]));
        }
        Text(errors, nameof(c.Name), "Name", c.Name, 2, NameMaxLength, multiline: false);
        Text(errors, nameof(c.Summary), "Summary", c.Summary, 1, TextMaxLength, multiline: true);
        Text(errors, nameof(c.HowToObtain), "How to obtain", c.HowToObtain, 1, TextMaxLength, multiline: true);
        Text(errors, nameof(c.Auditor), "Auditor", c.Auditor, 0, AuditorMaxLength, multiline: false);
        Period(errors, c.PeriodStart, c.PeriodEnd, required: false);
        if (c.Status == CertificationStatus.Current && c.Framework == ComplianceFramework.Soc2Type2 && (c.PeriodStart is null || string.IsNullOrWhiteSpace(c.Auditor)))
        {
            errors.Add(new ValidationResult("A current SOC 2 report names its auditor and audit period.", [nameof(c.Auditor)]));
        }
        return errors;
    }

    public static List<ValidationResult> Validate(Soc2ReportInput r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new List<ValidationResult>();
        Text(errors, nameof(r.Title), "Title", r.Title, 2, 200, multiline: false);
        Text(errors, nameof(r.Auditor), "Auditor", r.Auditor, 2, AuditorMaxLength, multiline: false);
        Period(errors, r.PeriodStart, r.PeriodEnd, required: true);
        return errors;
    }

    /// <summary>A PDF within the limit that a PDF library can actually open: not just a file named .pdf.</summary>
    public static List<ValidationResult> ValidateReportFile(string? fileName, byte[]? content)
    {
        const string field = "File";
        if (content is null || content.Length == 0 || string.IsNullOrWhiteSpace(fileName))
        {
            return [new ValidationResult("Choose the report's PDF file.", [field])];
        }
        if (content.Length > CertificationAdminService.MaxReportBytes)
        {
            return [new ValidationResult($"The file is {content.Length / 1024.0 / 1024.0:0.#} MB; the limit is {CertificationAdminService.MaxReportBytes / 1024 / 1024} MB.", [field])];
        }
        if (!content.AsSpan().StartsWith("%PDF-"u8))
        {
            return [new ValidationResult("This is not a readable PDF. Upload the report as the auditor delivered it, in PDF.", [field])];
        }
        if (PdfReadability.Problem(content) is { } problem)
        {
            return [new ValidationResult($"This is not a readable PDF ({problem.TrimEnd('.')}). Upload the report as the auditor delivered it, in PDF.", [field])];
        }
        return [];
    }

    /// <summary>The name the download will carry: the base name, without path or odd characters.</summary>
    public static string SafeFileName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-').ToArray()).Trim('-', '.');
        if (safe.Length == 0)
        {
            safe = "soc2-report";
        }
        if (!safe.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
        {
            safe += ".pdf";
        }
        return safe.Length > 200 ? safe[^200..] : safe;
    }

    private static void Period(List<ValidationResult> errors, DateOnly? start, DateOnly? end, bool required)
    {
        if (start is null && end is null)
        {
            if (required)
            {
                errors.Add(new ValidationResult("Give the audit period's first day.", ["PeriodStart"]));
                errors.Add(new ValidationResult("Give the audit period's last day.", ["PeriodEnd"]));
            }
            return;
        }
        if (start is null)
        {
            errors.Add(new ValidationResult("Give the period's first day too.", ["PeriodStart"]));
        }
        else if (end is null)
        {
            errors.Add(new ValidationResult("Give the period's last day too.", ["PeriodEnd"]));
        }
        else if (end <= start)
        {
            errors.Add(new ValidationResult("The period ends after it starts.", ["PeriodEnd"]));
        }
    }

    private static void Text(List<ValidationResult> errors, string field, string label, string? value, int min, int max, bool multiline)
    {
        var text = value?.Trim() ?? "";
        if (text.Length < min)
        {
            errors.Add(new ValidationResult(min <= 1 ? $"{label} is required." : $"{label} needs at least {min} characters.", [field]));
        }
        else if (text.Length > max)
        {
            errors.Add(new ValidationResult($"{label} can have at most {max:N0} characters.", [field]));
        }
        else if (ContentRules.HasControlCharacters(text, multiline))
        {
            errors.Add(new ValidationResult($"{label} contains control characters.", [field]));
        }
    }
}
