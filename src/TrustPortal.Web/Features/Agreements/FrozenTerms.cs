using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.TrustCenter;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Agreements;

/// <summary>
/// What an agreement freezes at signature: the template version, the commitments version and the subprocessor
/// list, each with the hash printed on the certificate page.
/// </summary>
public sealed record FrozenTerms(
    AgreementTemplate Template,
    ParsedTemplate Parsed,
    int CommitmentsVersion,
    string CommitmentsSha256,
    IReadOnlyList<Subprocessor> Subprocessors,
    string SubprocessorsSha256)
{
    /// <summary>
    /// The current terms for a kind of agreement, or null when no template of that kind is published. With
    /// <paramref name="parsedTemplates"/>, a template version already parsed in this process is not parsed again.
    /// </summary>
    public static async Task<FrozenTerms?> LoadCurrentAsync(AppDbContext db, AgreementKind kind,
        Execution.ParsedTemplates? parsedTemplates = null, CancellationToken cancellationToken = default)
    {
        var template = await db.AgreementTemplates.AsNoTracking()
            .Where(t => t.Kind == kind)
            .OrderByDescending(t => t.Version)
            .FirstOrDefaultAsync(cancellationToken);
        if (template is null)
        {
            return null;
        }
        var parsed = parsedTemplates?.For(template) ?? TemplateParser.Parse(template.Body).Template
            ?? throw new InvalidOperationException($"Published template {kind} v{template.Version} does not parse.");
        var commitments = await db.ContentVersions.AsNoTracking()
            .OrderByDescending(v => v.Number)
            .Select(v => new { v.Number, v.Sha256 })
            .FirstOrDefaultAsync(cancellationToken);
        var subprocessors = await db.Subprocessors.AsNoTracking()
            .Where(s => s.RemovedOn == null)
            .OrderBy(s => s.Name)
            .ToListAsync(cancellationToken);
        return new FrozenTerms(template, parsed, commitments?.Number ?? 0, commitments?.Sha256 ?? "", subprocessors, HashSubprocessors(subprocessors));
    }

    public static string HashSubprocessors(IEnumerable<Subprocessor> subprocessors) => SubprocessorListHash.Of(subprocessors);
}
