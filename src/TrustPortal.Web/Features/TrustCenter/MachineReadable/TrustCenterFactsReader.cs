using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.TrustCenter.MachineReadable;

/// <summary>
/// Gathers what the public pages show (<see cref="TrustCenterService"/>: the latest published commitments, the compliance
/// program, the current subprocessors) into <see cref="TrustCenterFacts"/>, for /llms.txt and /trust-center.json.
/// </summary>
public sealed class TrustCenterFactsReader(TrustCenterService trustCenter, IDbContextFactory<AppDbContext> dbFactory, IOptions<VendorOptions> vendor,
    PublicUrls urls, TimeProvider clock, IEnumerable<ILibraryCatalog> libraries, IEnumerable<IFaqCatalog> faqs)
{
    public const string LlmsTxtPath = "/llms.txt";
    public const string JsonPath = "/trust-center.json";

    /// <summary>The audit actions that change what the trust center publishes; the latest one is <see cref="TrustCenterFacts.UpdatedAt"/>.</summary>
    private static readonly string[] PublishingActions = ["content.published", "certification.updated", "soc2.report.published", "subprocessors.published"];

    public async Task<TrustCenterFacts> ReadAsync(CancellationToken cancellationToken = default)
    {
        var commitments = await trustCenter.GetCurrentCommitmentsAsync(cancellationToken);
        var certifications = await trustCenter.GetCertificationsAsync(cancellationToken);
        var subprocessors = await trustCenter.GetActiveSubprocessorsAsync(cancellationToken);
        var list = (await trustCenter.GetSubprocessorHistoryAsync(1, cancellationToken)).FirstOrDefault();
        var contentVersion = await trustCenter.GetContentVersionAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var links = Links();
        return new TrustCenterFacts(
            TrustCenterFacts.CurrentSchemaVersion,
            // Both parts only grow, and each moves with a publish (the list number even if the content version's own
            // write was lost), so their sum grows with every published change on any instance.
            contentVersion + (list?.Number ?? 0),
            Utc(await LastPublishedAsync(cancellationToken) ?? commitments?.PublishedAtUtc ?? DateTime.UnixEpoch),
            new VendorFacts(vendor.Value.Name, vendor.Value.LegalName, vendor.Value.Address, vendor.Value.ContactEmail),
            commitments is null ? null : new CommitmentsFacts(commitments.Number, commitments.EffectiveDate, Utc(commitments.PublishedAtUtc), commitments.ChangeSummary,
                commitments.Sha256, links.Commitments,
                commitments.Sections.OrderBy(s => s.Order).Select(s => new CommitmentSectionFacts(s.Slug, s.Title, s.Summary, s.BodyMarkdown)).ToList()),
            certifications.Select(c => new FrameworkFacts(
                JsonNamingPolicy.CamelCase.ConvertName(c.Framework.ToString()), c.Name, c.Status, c.Summary, c.Auditor,
                c.PeriodStart is { } start && c.PeriodEnd is { } end ? new AuditPeriodFacts(start, end) : null,
                c.HowToObtain, DocumentOffers.For(c.Framework) is { } offer ? urls.Absolute(offer.Path) : null)).ToList(),
            new SubprocessorListFacts(list?.Number ?? 0, list is null ? null : Utc(list.PublishedAtUtc), links.Subprocessors,
                subprocessors.Select(s => new SubprocessorFacts(s.Name, s.Purpose, s.Location, s.DataCategories, s.Website, s.AddedOn, s.AddedOn > today)).ToList()),
            Documents(certifications),
            links,
            await LibraryAsync(cancellationToken),
            faqs.FirstOrDefault() is { } faq ? await faq.ListAsync(cancellationToken) : []);
    }

    /// <summary>One entry per document, in the compliance program's order, naming every framework it evidences.</summary>
    private List<DocumentFacts> Documents(List<Certification> certifications) =>
        certifications
            .Select(c => (Certification: c, Offer: DocumentOffers.For(c.Framework)))
            .Where(x => x.Offer is not null)
            .GroupBy(x => x.Offer!)
            .Select(g => new DocumentFacts(g.Key.Name, g.Key.Access, DocumentOffers.Describe(g.Key.Access), g.First().Certification.HowToObtain,
                g.Select(x => x.Certification.Framework.DisplayName()).Distinct().ToList(), urls.Absolute(g.Key.Path)))
            .ToList();

    private async Task<IReadOnlyList<LibraryDocumentFacts>> LibraryAsync(CancellationToken cancellationToken) =>
        libraries.FirstOrDefault() is { } library ? await library.ListAsync(cancellationToken) : [];

    private TrustCenterLinks Links() => new(
        urls.Absolute("/"), urls.Absolute("/commitments"), urls.Absolute("/commitments/history"), urls.Absolute("/compliance"),
        urls.Absolute("/subprocessors"), urls.Absolute("/subprocessors/subscribe"), urls.Absolute("/verify"),
        urls.Absolute(LlmsTxtPath), urls.Absolute(JsonPath));

    private async Task<DateTime?> LastPublishedAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEvents.AsNoTracking()
            .Where(e => PublishingActions.Contains(e.Action))
            .OrderByDescending(e => e.OccurredAtUtc)
            .Select(e => (DateTime?)e.OccurredAtUtc)
            .FirstOrDefaultAsync(cancellationToken);
    }

    // SQLite hands times back unspecified; they are stored as UTC, and the JSON must say so ("Z").
    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
