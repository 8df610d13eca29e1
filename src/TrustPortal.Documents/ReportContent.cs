namespace TrustPortal.Documents;

/// <summary>
/// Everything printed in a report (e.g. a SOC 2 report): a title page with the key facts, then sections that each start
/// on a new page. Laid out as a report, not an agreement: no parties, no signature page, no agreement number.
/// </summary>
public sealed record ReportContent
{
    /// <summary>E.g. "SOC 2 Type 2 Report"; also the left part of every page header.</summary>
    public required string Title { get; init; }

    /// <summary>What the report covers, under the title.</summary>
    public required string Subtitle { get; init; }

    /// <summary>The right part of every page header, e.g. the period or "SAMPLE".</summary>
    public required string HeaderReference { get; init; }

    /// <summary>A stamp over the title page (e.g. "SAMPLE"); none when empty.</summary>
    public string? Stamp { get; init; }

    /// <summary>Key facts on the title page, label then value (service organization, period, service auditor, date).</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Facts { get; init; }

    /// <summary>A boxed notice on the title page (e.g. that the document is a sample).</summary>
    public string? Notice { get; init; }

    public required IReadOnlyList<ReportSection> Sections { get; init; }

    public required DocumentMetadata Metadata { get; init; }
}

/// <summary>A section ("I", "Independent service auditor's report"), from a new page.</summary>
public sealed record ReportSection(string Number, string Title, IReadOnlyList<ReportPart> Parts);

/// <summary>Part of a section: an optional heading, paragraphs, bullet points, then an optional table.</summary>
public sealed record ReportPart(string? Heading, IReadOnlyList<string> Paragraphs, IReadOnlyList<string>? Bullets = null, AnnexTable? Table = null);
