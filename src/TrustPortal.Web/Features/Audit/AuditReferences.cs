using TrustPortal.Web.Shared;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TrustPortal.Web.Data;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Features.Audit;

/// <summary>
/// The names people use for what an audit event is about (DPA-2026-000002, BAA-R-0005, Acme Corporation) instead of ids.
/// A page of events is resolved with one query per entity type on the page, never one per event.
/// </summary>
public static partial class AuditReferences
{
    /// <summary>Human references for the events' entities, keyed by (entity type, entity id); entities since deleted are absent.</summary>
    public static async Task<Dictionary<(string Type, string Id), string>> ResolveAsync(AppDbContext db, IReadOnlyCollection<AuditEvent> events,
        CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<(string, string), string>();
        var byType = events.GroupBy(e => e.EntityType).ToDictionary(g => g.Key, g => g.Select(e => e.EntityId).Distinct().ToList());

        List<Guid> Guids(string type) => byType.TryGetValue(type, out var ids)
            ? ids.Select(id => Guid.TryParse(id, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList()
            : [];
        List<int> Ints(string type) => byType.TryGetValue(type, out var ids)
            ? ids.Select(id => int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1).Where(n => n >= 0).ToList()
            : [];
        void Add(string type, Guid id, string reference) => found[(type, id.ToString())] = reference;
        void AddInt(string type, int id, string reference) => found[(type, id.ToString(CultureInfo.InvariantCulture))] = reference;

        if (Guids("Agreement") is { Count: > 0 } agreements)
        {
            foreach (var a in await db.Agreements.AsNoTracking().Where(a => agreements.Contains(a.Id)).Select(a => new { a.Id, a.Number }).ToListAsync(cancellationToken))
            {
                Add("Agreement", a.Id, a.Number);
            }
        }
        if (Guids("BaaRequest") is { Count: > 0 } requests)
        {
            foreach (var r in await db.BaaRequests.AsNoTracking().Where(r => requests.Contains(r.Id))
                         .Select(r => new { r.Id, r.Reference, Organization = db.Organizations.Where(o => o.Id == r.OrganizationId).Select(o => o.Name).FirstOrDefault() })
                         .ToListAsync(cancellationToken))
            {
                Add("BaaRequest", r.Id, Join(BaaReference(r.Reference), r.Organization));
            }
        }
        if (Guids("Organization") is { Count: > 0 } organizations)
        {
            foreach (var o in await db.Organizations.AsNoTracking().Where(o => organizations.Contains(o.Id)).Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken))
            {
                Add("Organization", o.Id, o.Name);
            }
        }
        if (Guids("Attestation") is { Count: > 0 } attestations)
        {
            foreach (var a in await db.Attestations.AsNoTracking().Where(a => attestations.Contains(a.Id))
                         .Select(a => new { a.Id, a.Framework, Organization = db.Organizations.Where(o => o.Id == a.OrganizationId).Select(o => o.Name).FirstOrDefault() })
                         .ToListAsync(cancellationToken))
            {
                Add("Attestation", a.Id, Join(a.Organization, a.Framework.DisplayName()));
            }
        }
        if (Guids("SignatureRequest") is { Count: > 0 } signatures)
        {
            foreach (var s in await db.SignatureRequests.AsNoTracking().Where(s => signatures.Contains(s.Id))
                         .Select(s => new { s.Id, s.Kind, Organization = db.Organizations.Where(o => o.Id == s.OrganizationId).Select(o => o.Name).FirstOrDefault() })
                         .ToListAsync(cancellationToken))
            {
                Add("SignatureRequest", s.Id, Join($"{s.Kind.DisplayName()} signature request", s.Organization));
            }
        }
        if (Guids("NdaAcceptance") is { Count: > 0 } ndas)
        {
            foreach (var n in await db.NdaAcceptances.AsNoTracking().Where(n => ndas.Contains(n.Id))
                         .Select(n => new { n.Id, n.Email, Organization = db.Organizations.Where(o => o.Id == n.OrganizationId).Select(o => o.Name).FirstOrDefault() })
                         .ToListAsync(cancellationToken))
            {
                Add("NdaAcceptance", n.Id, Join($"NDA accepted by {n.Email}", n.Organization));
            }
        }
        if (Guids("Soc2Report") is { Count: > 0 } reports)
        {
            foreach (var r in await db.Soc2Reports.AsNoTracking().Where(r => reports.Contains(r.Id)).Select(r => new { r.Id, r.Title }).ToListAsync(cancellationToken))
            {
                Add("Soc2Report", r.Id, r.Title);
            }
        }
        if (Guids("AgreementTemplate") is { Count: > 0 } templates)
        {
            foreach (var t in await db.AgreementTemplates.AsNoTracking().Where(t => templates.Contains(t.Id)).Select(t => new { t.Id, t.Kind, t.Version }).ToListAsync(cancellationToken))
            {
                Add("AgreementTemplate", t.Id, $"{t.Kind.DisplayName()} template v{t.Version}");
            }
        }
        if (Guids("OutboxMessage") is { Count: > 0 } messages)
        {
            foreach (var m in await db.OutboxMessages.AsNoTracking().Where(m => messages.Contains(m.Id)).Select(m => new { m.Id, m.Subject }).ToListAsync(cancellationToken))
            {
                Add("OutboxMessage", m.Id, $"Email \u201c{m.Subject}\u201d");
            }
        }
        if (byType.TryGetValue("User", out var userIds))
        {
            foreach (var u in await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.Email }).ToListAsync(cancellationToken))
            {
                found[("User", u.Id)] = u.Email ?? u.Id;
            }
        }
        if (Ints("Certification") is { Count: > 0 } certifications)
        {
            foreach (var c in await db.Certifications.AsNoTracking().Where(c => certifications.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken))
            {
                AddInt("Certification", c.Id, c.Name);
            }
        }
        if (Ints("Subprocessor") is { Count: > 0 } subprocessors)
        {
            foreach (var s in await db.Subprocessors.AsNoTracking().Where(s => subprocessors.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken))
            {
                AddInt("Subprocessor", s.Id, s.Name);
            }
        }
        // Version numbers are their own reference.
        foreach (var n in Ints("ContentVersion"))
        {
            AddInt("ContentVersion", n, $"Commitments v{n}");
        }
        foreach (var n in Ints("SubprocessorListVersion"))
        {
            AddInt("SubprocessorListVersion", n, $"Subprocessor list v{n}");
        }
        return found;
    }

    /// <summary>
    /// Entity ids whose human reference matches a search (agreement number, BAA-R-0005 or 5, organization name, user email),
    /// so the audit trail finds events by the names people know. Bounded: a search this broad is narrowed by the other filters.
    /// </summary>
    public static async Task<List<string>> MatchingIdsAsync(AppDbContext db, string search, CancellationToken cancellationToken = default)
    {
        const int Limit = 500;
        var pattern = SearchPattern.Contains(search);
        var ids = new List<string>();

        ids.AddRange((await db.Agreements.AsNoTracking().Where(a => SearchText.Like(a.Number, pattern))
            .Select(a => a.Id).Take(Limit).ToListAsync(cancellationToken)).Select(g => g.ToString()));

        if (BaaReferenceNumber().Match(search.Trim()) is { Success: true } match
            && int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var reference))
        {
            ids.AddRange((await db.BaaRequests.AsNoTracking().Where(r => r.Reference == reference).Select(r => r.Id).ToListAsync(cancellationToken))
                .Select(g => g.ToString()));
        }

        var organizations = await db.Organizations.AsNoTracking().Where(o => SearchText.Like(o.Name, pattern))
            .Select(o => o.Id).Take(Limit).ToListAsync(cancellationToken);
        if (organizations.Count > 0)
        {
            // An organization's name also finds what the trail shows under it: its BAA requests and attestations.
            ids.AddRange(organizations.Select(g => g.ToString()));
            ids.AddRange((await db.BaaRequests.AsNoTracking().Where(r => organizations.Contains(r.OrganizationId)).Select(r => r.Id).Take(Limit)
                .ToListAsync(cancellationToken)).Select(g => g.ToString()));
            ids.AddRange((await db.Attestations.AsNoTracking().Where(a => organizations.Contains(a.OrganizationId)).Select(a => a.Id).Take(Limit)
                .ToListAsync(cancellationToken)).Select(g => g.ToString()));
        }

        ids.AddRange(await db.Users.AsNoTracking().Where(u => u.Email != null && SearchText.Like(u.Email, pattern))
            .Select(u => u.Id).Take(Limit).ToListAsync(cancellationToken));
        return ids;
    }

    public static string BaaReference(int reference) => string.Create(CultureInfo.InvariantCulture, $"BAA-R-{reference:0000}");

    private static string Join(string? first, string? second) =>
        string.IsNullOrEmpty(second) ? first ?? "" : string.IsNullOrEmpty(first) ? second : $"{first} · {second}";

    // "BAA-R-0005", "baa-r-5", "R-0005" or "0005".
    [GeneratedRegex(@"^(?:(?:BAA-)?R-)?0*(?<n>\d{1,9})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BaaReferenceNumber();
}
