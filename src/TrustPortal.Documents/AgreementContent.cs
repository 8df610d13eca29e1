namespace TrustPortal.Documents;

/// <summary>Everything printed in an executed agreement. Plain data; the renderer decides the look.</summary>
public sealed record AgreementContent
{
    /// <summary>The document's title, e.g. "Data Processing Addendum"; also the left part of every page header.</summary>
    public required string Title { get; init; }

    /// <summary>E.g. "DPA-2026-000123", printed in every page header.</summary>
    public required string AgreementNumber { get; init; }

    public required DocumentMetadata Metadata { get; init; }

    /// <summary>Paragraphs after the title, before the parties.</summary>
    public IReadOnlyList<string> Preamble { get; init; } = [];

    public required IReadOnlyList<PartyBlock> Parties { get; init; }
    public required IReadOnlyList<ClauseSection> Sections { get; init; }
    public IReadOnlyList<Annex> Annexes { get; init; } = [];

    /// <summary>The signature page; with none (an unsigned preview) the page is left out.</summary>
    public required IReadOnlyList<SignatureBlock> Signatures { get; init; }

    /// <summary>The certificate of execution; when it has no events, facts or verification text the page is left out.</summary>
    public required CertificateContent Certificate { get; init; }
}

/// <summary>The PDF's document information (what a reader shows under "Properties").</summary>
public sealed record DocumentMetadata(string Title, string Author, string Subject, string Keywords, DateTime CreatedUtc);

/// <summary>A party: its role (e.g. "Customer (controller)"), legal name, and lines such as address and company number.</summary>
public sealed record PartyBlock(string Role, string LegalName, IReadOnlyList<string> Lines);

/// <summary>A numbered section ("3", "Processing on instructions") of numbered clauses.</summary>
public sealed record ClauseSection(string Number, string Heading, IReadOnlyList<Clause> Clauses);

/// <summary>A numbered clause ("3.1"); its items are printed lettered (a), (b), ... with their own hanging indent.</summary>
public sealed record Clause(string Number, string Text, IReadOnlyList<string> Items);

/// <summary>An annex ("I", "Details of processing"), made of parts.</summary>
public sealed record Annex(string Number, string Title, IReadOnlyList<AnnexPart> Parts);

/// <summary>Part of an annex: an optional heading, paragraphs, then an optional table.</summary>
public sealed record AnnexPart(string? Heading, IReadOnlyList<string> Paragraphs, AnnexTable? Table);

/// <summary>A bordered table; column widths follow <paramref name="ColumnWeights"/> (equal when absent or mismatched).</summary>
public sealed record AnnexTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<double>? ColumnWeights = null);

/// <summary>One party's signature as printed on the signature page.</summary>
public sealed record SignatureBlock(string PartyRole, string LegalName, string TypedSignature, string SignerName, string SignerTitle, string SignedOn, string? Note = null);

/// <summary>
/// The certificate of execution: the audit events, key facts (hashes, versions) and how to verify the file. With a
/// <paramref name="StatusUrl"/>, the page also prints it as a QR code and as text, so a reader of a paper copy can
/// look the agreement up.
/// </summary>
public sealed record CertificateContent(IReadOnlyList<CertificateEvent> Events, IReadOnlyList<KeyValuePair<string, string>> Facts, IReadOnlyList<string> Verification,
    string? StatusUrl = null);

/// <summary>One event of execution; times are UTC and printed as such.</summary>
public sealed record CertificateEvent(DateTime AtUtc, string Description, string? IpAddress, string? UserAgent);
