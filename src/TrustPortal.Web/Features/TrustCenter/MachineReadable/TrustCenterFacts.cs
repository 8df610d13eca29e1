namespace TrustPortal.Web.Features.TrustCenter.MachineReadable;

// The shape of /trust-center.json, documented in docs/MACHINE-READABLE.md. Add fields freely; renaming or removing one
// is a breaking change and moves SchemaVersion on.

/// <summary>Everything the public trust center publishes, as one document for programs and language models.</summary>
public sealed record TrustCenterFacts(
    int SchemaVersion,
    long Version,
    DateTime UpdatedAt,
    VendorFacts Vendor,
    CommitmentsFacts? Commitments,
    IReadOnlyList<FrameworkFacts> Frameworks,
    SubprocessorListFacts Subprocessors,
    IReadOnlyList<DocumentFacts> Documents,
    TrustCenterLinks Links,
    IReadOnlyList<LibraryDocumentFacts> Library,
    IReadOnlyList<FaqFacts> Faq)
{
    public const int CurrentSchemaVersion = 1;
}

public sealed record VendorFacts(string Name, string LegalName, string Address, string ContactEmail);

public sealed record CommitmentsFacts(int Version, DateOnly EffectiveDate, DateTime PublishedAt, string ChangeSummary, string Sha256, string Url,
    IReadOnlyList<CommitmentSectionFacts> Sections);

/// <summary>One section of the commitments; <see cref="BodyMarkdown"/> is the published text.</summary>
public sealed record CommitmentSectionFacts(string Slug, string Title, string Summary, string BodyMarkdown);

/// <summary>A framework of the compliance program; the audit period is null where there is none.</summary>
public sealed record FrameworkFacts(string Framework, string Name, CertificationStatus Status, string Summary, string? Auditor, AuditPeriodFacts? AuditPeriod,
    string HowToObtain, string? DocumentUrl);

public sealed record AuditPeriodFacts(DateOnly Start, DateOnly End);

/// <summary>The subprocessors in the latest published list; <see cref="ListVersion"/> is that list's number (0 before the first).</summary>
public sealed record SubprocessorListFacts(int ListVersion, DateTime? PublishedAt, string Url, IReadOnlyList<SubprocessorFacts> Items);

/// <summary>A subprocessor; <see cref="StartsProcessing"/> is true while its start date is still ahead.</summary>
public sealed record SubprocessorFacts(string Name, string Purpose, string Location, string DataCategories, string? Website, DateOnly Since, bool StartsProcessing);

/// <summary>A document a visitor can get, the frameworks it evidences, and how.</summary>
public sealed record DocumentFacts(string Name, DocumentAccess Access, string HowToGet, string HowToObtain, IReadOnlyList<string> Covers, string Url);

public sealed record TrustCenterLinks(string Home, string Commitments, string CommitmentsHistory, string Compliance, string Subprocessors,
    string SubscribeToSubprocessorChanges, string Verify, string LlmsTxt, string Json);
