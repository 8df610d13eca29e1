using TrustPortal.Documents;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Agreements.Execution;

/// <summary>
/// What one kind of agreement (DPA, BAA, ...) supplies to <see cref="AgreementExecutor"/>: its own rows to check and
/// update, its document, and its notifications. Everything every executed agreement needs is the executor's.
/// </summary>
public interface IAgreementExecution
{
    AgreementKind Kind { get; }

    Guid OrganizationId { get; }

    /// <summary>Who the audit events name.</summary>
    AuditActor Actor { get; }

    /// <summary>The frameworks the executed agreement makes current for the organization.</summary>
    IReadOnlyList<ComplianceFramework> Covers { get; }

    /// <summary>
    /// Loads and checks the caller's own rows (a signing request, a BAA request at the version the user saw). Called
    /// twice: first on a unit of work of its own for the draft rendered before the lock, then inside the executor's
    /// transaction, where it decides; each call replaces what the previous one loaded. A message refuses the execution
    /// with nothing written and no number used.
    /// </summary>
    Task<string?> PrepareAsync(AppDbContext db, ExecutionFacts facts, CancellationToken cancellationToken);

    /// <summary>
    /// The printed document, numbered, and the parties as the agreement row records them: made only from what
    /// <see cref="PrepareAsync"/> loaded and from <paramref name="facts"/>, so the same inputs compose the same document.
    /// </summary>
    ComposedAgreement Compose(ExecutionFacts facts);

    /// <summary>
    /// The caller's part of the same unit of work once the agreement is staged: its own rows, its audit events, and its
    /// emails (queued in the outbox through <paramref name="db"/>, so they are sent only if it commits).
    /// </summary>
    void Complete(AppDbContext db, ExecutionFacts facts, Agreement agreement);
}

/// <summary>
/// What the executor fixed for this execution: the terms it froze, the number, the time, the agreement's id, and the
/// addresses the certificate page prints: <see cref="VerifyUrl"/> (upload a copy to check it) and <see cref="StatusUrl"/>
/// (this agreement's status, for a reader of a paper copy; printed as a QR code too).
/// </summary>
public sealed record ExecutionFacts(FrozenTerms Terms, int Sequence, string Number, DateTime NowUtc, VendorOptions Vendor, AgreementOptions Options, string VerifyUrl)
{
    public Guid AgreementId { get; init; }

    public string? StatusUrl { get; init; }
}

/// <summary>A kind's document and the party details stored on the agreement row.</summary>
public sealed record ComposedAgreement(AgreementContent Content, AgreementParties Parties);

/// <summary>The parties and signer as the agreement row records them; user agents are truncated by the executor.</summary>
public sealed record AgreementParties(
    PartyDetails Customer,
    string VendorSignatoryName,
    string VendorSignatoryTitle,
    string SignerName,
    string SignerTitle,
    string SignerEmail,
    string? SignerUserId,
    string? SignerIpAddress,
    string? SignerUserAgent,
    string DetailsJson,
    string? CountersignerEmail = null);

/// <summary>The executor's answer: the stored agreement, or why nothing was stored.</summary>
public sealed record AgreementExecutionOutcome(Guid? AgreementId, string? Number, string? Sha256, string? Refusal, bool Busy)
{
    public bool Executed => AgreementId is not null;

    public static AgreementExecutionOutcome Done(Guid id, string number, string sha256) => new(id, number, sha256, null, false);

    public static AgreementExecutionOutcome Refused(string message) => new(null, null, null, message, false);

    /// <summary>The database stayed locked past the busy timeout: nothing was stored and the same input can be sent again.</summary>
    public static readonly AgreementExecutionOutcome DatabaseBusy = new(null, null, null, null, true);
}
