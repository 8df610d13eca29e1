using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Agreements;

/// <summary>Published template versions: Legal publishes, nobody edits; the first versions ship with the portal.</summary>
public sealed class AgreementTemplates(IDbContextFactory<AppDbContext> dbFactory, CurrentUser currentUser, AuditTrail audit, TimeProvider clock)
{
    public async Task<List<TemplateSummary>> ListAsync(AgreementKind kind, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AgreementTemplates.AsNoTracking()
            .Where(t => t.Kind == kind)
            .OrderByDescending(t => t.Version)
            .Select(t => new TemplateSummary(t.Id, t.Kind, t.Version, t.Title, t.EffectiveDate, t.PublishedAtUtc, t.PublishedBy, t.ChangeSummary, t.Sha256,
                db.Agreements.Count(a => a.TemplateId == t.Id)))
            .ToListAsync(cancellationToken);
    }

    public async Task<AgreementTemplate?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AgreementTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
    }

    /// <summary>Publishes the next version of a kind; Legal only. Earlier versions stay as they were.</summary>
    public async Task<(AgreementTemplate? Published, List<string> Errors)> PublishAsync(AgreementKind kind, string title, string body, DateOnly effectiveDate, string changeSummary)
    {
        if (!await currentUser.IsInRoleAsync(Roles.Legal))
        {
            return (null, ["Only Legal can publish agreement templates."]);
        }
        var errors = TemplateRules.Validate(kind, title, body, changeSummary);
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var actor = await currentUser.GetActorAsync();
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await DatabaseCounters.LockAsync(db, DatabaseCounters.TemplateVersion(kind.ToString()) + ":publish");
        var current = await db.AgreementTemplates.Where(t => t.Kind == kind).OrderByDescending(t => t.Version).Select(t => t.Sha256).FirstOrDefaultAsync();
        if (current == TemplateRules.Hash(title.Trim(), Normalize(body)))
        {
            return (null, ["The text is the same as the current version; change something before publishing."]);
        }
        var template = await AddNextVersionAsync(db, kind, title.Trim(), body, effectiveDate, changeSummary.Trim(), actor.Name, clock.GetUtcNow().UtcDateTime);
        audit.Record(db, actor, "template.published", nameof(AgreementTemplate), template.Id.ToString(),
            new { kind = kind.ToString(), template.Version, template.Sha256, template.ChangeSummary });
        if (kind == AgreementKind.Dpa)
        {
            await AgreementAttestations.SupersedeOlderDpaCoverageAsync(db, audit, actor, template.Version, template.PublishedAtUtc);
        }
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return (template, []);
    }

    /// <summary>Gives a fresh database (or one from before a kind existed) the shipped DPA, BAA and election texts, so the portal can execute agreements at once.</summary>
    public static async Task SeedAsync(AppDbContext db, AuditTrail audit, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var (kind, title, resource) in new[]
        {
            (AgreementKind.Dpa, "Data Processing Addendum", "templates.dpa-v1.txt"),
            (AgreementKind.Baa, "Business Associate Agreement", "templates.baa-v1.txt"),
            (AgreementKind.Election, "Data Sharing Election", "templates.election-v1.txt"),
            (AgreementKind.Zdr, "Data Retention Amendment", "templates.retention-v1.txt"),
        })
        {
            if (await db.AgreementTemplates.AnyAsync(t => t.Kind == kind))
            {
                continue;
            }
            await using var stream = typeof(AgreementTemplates).Assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"The shipped template {resource} is missing.");
            using var reader = new StreamReader(stream);
            var body = await reader.ReadToEndAsync();
            var errors = TemplateRules.Validate(kind, title, body, "First version.");
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"The shipped template {resource} is invalid: {string.Join(" ", errors)}");
            }
            var template = await AddNextVersionAsync(db, kind, title, body, DateOnly.FromDateTime(nowUtc), "First version.", AuditActor.System.Name, nowUtc);
            audit.Record(db, AuditActor.System, "template.published", nameof(AgreementTemplate), template.Id.ToString(),
                new { kind = kind.ToString(), template.Version, template.Sha256 });
        }
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    private static string Normalize(string body) => body.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";

    private static async Task<AgreementTemplate> AddNextVersionAsync(AppDbContext db, AgreementKind kind, string title, string body,
        DateOnly effectiveDate, string summary, string author, DateTime nowUtc)
    {
        var normalized = Normalize(body);
        // The version comes from a counter row in the caller's transaction: two publishers never get the same one.
        var version = (int)await DatabaseCounters.NextAsync(db, DatabaseCounters.TemplateVersion(kind.ToString()),
            async () => await db.AgreementTemplates.Where(t => t.Kind == kind).MaxAsync(t => (int?)t.Version) ?? 0);
        var template = new AgreementTemplate
        {
            Kind = kind,
            Version = version,
            Title = title,
            Body = normalized,
            Sha256 = TemplateRules.Hash(title, normalized),
            EffectiveDate = effectiveDate,
            PublishedAtUtc = nowUtc,
            PublishedBy = author,
            ChangeSummary = summary,
        };
        db.AgreementTemplates.Add(template);
        return template;
    }
}

public sealed record TemplateSummary(Guid Id, AgreementKind Kind, int Version, string Title, DateOnly EffectiveDate, DateTime PublishedAtUtc,
    string PublishedBy, string ChangeSummary, string Sha256, int AgreementCount);
