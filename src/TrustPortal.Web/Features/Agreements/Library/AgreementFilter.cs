using System.Globalization;
using System.Text;
using Microsoft.Extensions.Primitives;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Agreements.Library;

/// <summary>
/// Which executed agreements Legal is looking at: the library grid and the ZIP export share it, and it round-trips
/// through a query string so that the export link carries exactly what the grid shows.
/// </summary>
public sealed record AgreementFilter
{
    public const int TextMaxLength = 200;
    public const int TemplateVersionMax = 100_000;

    public AgreementKind? Kind { get; init; }
    /// <summary>Part of the organization's name or of the legal name in the agreement.</summary>
    public string? Organization { get; init; }
    public int? TemplateVersion { get; init; }
    /// <summary>First UTC day of execution, inclusive.</summary>
    public DateOnly? ExecutedFrom { get; init; }
    /// <summary>Last UTC day of execution, inclusive.</summary>
    public DateOnly? ExecutedTo { get; init; }
    /// <summary>Any of these statuses; empty means every status.</summary>
    public IReadOnlyList<AgreementStatus> Statuses { get; init; } = [];
    /// <summary>Part of the agreement number or of the organization's name.</summary>
    public string? Search { get; init; }

    public static AgreementFilter None { get; } = new();

    public bool IsEmpty => Kind is null && string.IsNullOrWhiteSpace(Organization) && TemplateVersion is null && ExecutedFrom is null
        && ExecutedTo is null && Statuses.Count == 0 && string.IsNullOrWhiteSpace(Search);

    // Query-string keys: short, stable, and documented by ToQueryString.
    internal const string KindKey = "kind";
    internal const string OrganizationKey = "organization";
    internal const string TemplateKey = "template";
    internal const string FromKey = "from";
    internal const string ToKey = "to";
    internal const string StatusKey = "status";
    internal const string SearchKey = "q";
    private const string DateFormat = "yyyy-MM-dd";
    private static readonly string[] Keys = [KindKey, OrganizationKey, TemplateKey, FromKey, ToKey, StatusKey, SearchKey];

    /// <summary>Every key the filter reads from a query string; others are refused.</summary>
    public static IReadOnlyList<string> QueryKeys => Keys;

    /// <summary>What is wrong with this filter, in words for the user, or null when it can be run.</summary>
    public string? Problem()
    {
        if (Kind is { } kind && !Enum.IsDefined(kind))
        {
            return "Unknown agreement kind.";
        }
        if (Statuses.Any(s => !Enum.IsDefined(s)))
        {
            return "Unknown agreement status.";
        }
        if ((TextProblem("Organization", Organization) ?? TextProblem("Search", Search)) is { } text)
        {
            return text;
        }
        if (TemplateVersion is < 1 or > TemplateVersionMax)
        {
            return $"Template version must be a whole number from 1 to {TemplateVersionMax}.";
        }
        if (ExecutedFrom > ExecutedTo)
        {
            return "The executed-from date is after the executed-to date.";
        }
        return null;
    }

    /// <summary>The filter as a query string (without "?"), in a fixed key order; empty when there is no filter.</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add($"{key}={Uri.EscapeDataString(value.Trim())}");
            }
        }
        Add(KindKey, Kind?.ToString().ToLowerInvariant());
        Add(OrganizationKey, Organization);
        Add(TemplateKey, TemplateVersion?.ToString(CultureInfo.InvariantCulture));
        Add(FromKey, ExecutedFrom?.ToString(DateFormat, CultureInfo.InvariantCulture));
        Add(ToKey, ExecutedTo?.ToString(DateFormat, CultureInfo.InvariantCulture));
        Add(StatusKey, Statuses.Count == 0 ? null : string.Join(',', Statuses.Distinct().Order().Select(s => s.ToString().ToLowerInvariant())));
        Add(SearchKey, Search);
        return string.Join('&', parts);
    }

    /// <summary>
    /// Reads a filter from a query string. Anything it does not understand is refused rather than ignored: a typo must
    /// not silently widen an export to every agreement.
    /// </summary>
    public static AgreementFilterParse Parse(IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in query)
        {
            if (!Keys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                return AgreementFilterParse.Refused($"Unknown filter '{Shorten(key)}'. Use {string.Join(", ", Keys)}.");
            }
            var nonEmpty = value.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();
            if (nonEmpty.Count == 0)
            {
                continue;
            }
            if (nonEmpty.Count > 1 && !key.Equals(StatusKey, StringComparison.OrdinalIgnoreCase))
            {
                return AgreementFilterParse.Refused($"The filter '{key}' is given more than once.");
            }
            values[key] = string.Join(',', nonEmpty);
        }

        var filter = new AgreementFilter();
        if (values.TryGetValue(KindKey, out var kindText))
        {
            if (ParseName<AgreementKind>(kindText) is not { } kind)
            {
                return AgreementFilterParse.Refused($"Unknown kind '{Shorten(kindText)}'. Use dpa or baa.");
            }
            filter = filter with { Kind = kind };
        }
        if (values.TryGetValue(StatusKey, out var statusText))
        {
            var statuses = new List<AgreementStatus>();
            foreach (var part in statusText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (ParseName<AgreementStatus>(part) is not { } status)
                {
                    return AgreementFilterParse.Refused($"Unknown status '{Shorten(part)}'. Use executed, superseded or voided.");
                }
                statuses.Add(status);
            }
            filter = filter with { Statuses = statuses.Distinct().Order().ToList() };
        }
        if (values.TryGetValue(TemplateKey, out var templateText))
        {
            if (!int.TryParse(templateText, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                return AgreementFilterParse.Refused($"Template version '{Shorten(templateText)}' is not a whole number.");
            }
            filter = filter with { TemplateVersion = version };
        }
        foreach (var (key, label) in new[] { (FromKey, "from"), (ToKey, "to") })
        {
            if (!values.TryGetValue(key, out var dateText))
            {
                continue;
            }
            if (!DateOnly.TryParseExact(dateText, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return AgreementFilterParse.Refused($"The '{label}' date '{Shorten(dateText)}' is not a date like 2026-01-31.");
            }
            filter = key == FromKey ? filter with { ExecutedFrom = date } : filter with { ExecutedTo = date };
        }
        if (values.TryGetValue(OrganizationKey, out var organization))
        {
            filter = filter with { Organization = organization };
        }
        if (values.TryGetValue(SearchKey, out var search))
        {
            filter = filter with { Search = search };
        }
        return filter.Problem() is { } problem ? AgreementFilterParse.Refused(problem) : new AgreementFilterParse(filter, null);
    }

    private static string? TextProblem(string label, string? value)
    {
        if (value is null)
        {
            return null;
        }
        if (value.Length > TextMaxLength)
        {
            return $"{label} is longer than {TextMaxLength} characters.";
        }
        return value.Any(char.IsControl) ? $"{label} contains control characters." : null;
    }

    // Names only: Enum.TryParse would also accept "1" or "Dpa, Baa", which no user means.
    private static T? ParseName<T>(string text) where T : struct, Enum =>
        Enum.GetValues<T>().Cast<T?>().FirstOrDefault(v => v.ToString()!.Equals(text, StringComparison.OrdinalIgnoreCase));

    // Echo at most a little of what was sent, without anything that could break the message.
    private static string Shorten(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Take(40))
        {
            builder.Append(char.IsControl(c) ? '?' : c);
        }
        return text.Length > 40 ? builder.Append('…').ToString() : builder.ToString();
    }
}

/// <summary>A parsed filter, or the reason the query string was refused.</summary>
public sealed record AgreementFilterParse(AgreementFilter? Filter, string? Error)
{
    public static AgreementFilterParse Refused(string error) => new(null, error);
}

/// <summary>The columns the library can be ordered by.</summary>
public enum AgreementSortColumn { ExecutedAt, Number, Organization, Kind, Status }

public sealed record AgreementSort(AgreementSortColumn Column = AgreementSortColumn.ExecutedAt, bool Descending = true)
{
    public static AgreementSort Default { get; } = new();
}
