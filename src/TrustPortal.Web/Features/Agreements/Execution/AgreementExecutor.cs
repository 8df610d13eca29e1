using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Documents;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Attestations;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Infrastructure.Timestamps;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Agreements.Execution;

/// <summary>
/// The one way an agreement is executed. In one transaction: the number (a counter row, so the database, not this
/// process, keeps numbers consecutive), the frozen terms, the caller's checks, the sealed PDF with its SHA-256,
/// superseding the organization's earlier agreement of the kind, the audit events, the attestations, and the caller's
/// rows and emails. A failure anywhere leaves nothing behind and no number used.
/// </summary>
/// <remarks>
/// The number is printed in the PDF, and rendering and sealing cost more than all the database work together. So each
/// execution first renders a draft, outside any transaction, for the number its <see cref="ExecutionLane"/> expects it
/// to get; under the lock it composes the document again with the number it did get and stores the draft only if the
/// two are the same document. When they differ (another instance took a number meanwhile, an earlier execution was
/// refused) it renders under the lock, as it would without drafts: slower, never wrong. <see cref="DraftSlots"/> keeps
/// drafts from taking every core away from the transaction in progress.
/// </remarks>
public sealed class AgreementExecutor(
    IDbContextFactory<AppDbContext> dbFactory,
    AuditTrail audit,
    SealCertificate seal,
    TimestampAuthorities timestamps,
    PublicUrls urls,
    IOptions<VendorOptions> vendorOptions,
    IOptions<AgreementOptions> agreementOptions,
    ExecutionLanes lanes,
    DraftSlots draftSlots,
    ExecutionMetrics metrics,
    ParsedTemplates parsedTemplates,
    TimeProvider clock,
    ILogger<AgreementExecutor> logger)
{
    /// <summary>Longest user agent kept on the agreement row and in its audit event.</summary>
    public const int UserAgentMaxLength = 512;

    private const int Attempts = 3;

    /// <summary>
    /// Executes <paramref name="execution"/>. Concurrency conflicts of the caller's own rows (a link used meanwhile, a
    /// BAA decided meanwhile) propagate as <see cref="DbUpdateConcurrencyException"/>, with nothing stored.
    /// </summary>
    public async Task<AgreementExecutionOutcome> ExecuteAsync(IAgreementExecution execution, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(execution);
        // Loaded (or, the first time, created and stored) before any transaction: never under the executor's own lock.
        _ = seal.Certificate;
        // Chosen before the draft: the certificate page prints the agreement's status address, which holds this id, so
        // the draft and the stored row must share it.
        var agreementId = Guid.NewGuid();
        var lane = lanes.For(execution.Kind);
        var turn = lane.Join();
        Stored? stored = null;
        ExecutionDraft? speculative = null;
        ExecutionDraft? draft = null;
        try
        {
            speculative = turn.Speculate ? await DraftAsync(execution, turn.Guess, turn.Ahead, agreementId, cancellationToken) : null;
            var queuedAt = Stopwatch.GetTimestamp();
            await lane.WaitAsync(turn);
            metrics.Queued(queuedAt);
            draft = await RefreshAsync(execution, speculative, agreementId, cancellationToken);
            var resync = false;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var startedAt = Stopwatch.GetTimestamp();
                    (var outcome, stored) = await TryExecuteAsync(execution, agreementId, draft, resync, cancellationToken);
                    if (stored is not null)
                    {
                        metrics.Transacted(startedAt, stored.DraftUsed);
                    }
                    return outcome;
                }
                catch (DbUpdateConcurrencyException)
                {
                    throw;
                }
                catch (Exception ex) when (DatabaseBusy.Is(ex))
                {
                    // The one transaction did not commit, so nothing is stored and no number is used: the user may retry.
                    logger.LogWarning(ex, "The database stayed locked; a {Kind} execution was not saved.", execution.Kind);
                    return AgreementExecutionOutcome.DatabaseBusy;
                }
                catch (NumberTaken taken) when (attempt < Attempts)
                {
                    // Only possible when the counter fell behind the stored numbers (e.g. rows restored without it): the
                    // next attempt moves it past them first.
                    logger.LogError("Agreement number {Number} was already stored; the counter was behind the data. Moving it on and retrying.", taken.Number);
                    resync = true;
                }
            }
        }
        catch (SealTimestampException ex)
        {
            // Fails closed: the draft (before any transaction) or the render under the lock (rolled back) had no
            // time-stamp, so nothing is stored and no number is used.
            logger.LogError(ex, "A {Kind} execution was refused: the seal could not be time-stamped.", execution.Kind);
            return AgreementExecutionOutcome.Refused(ex.Message);
        }
        finally
        {
            // The lane learns how good its own guesses are: a speculative draft that had to be redone counts as a miss.
            bool? guessHeld = speculative is null || stored is null ? null : ReferenceEquals(draft, speculative) && stored.DraftUsed;
            await lane.LeaveAsync(turn, stored is { } s ? (s.Year, s.Sequence) : null, guessHeld);
        }
    }

    /// <summary>
    /// The PDF for the number this turn expects, made before the lock: terms, the caller's checks (read only, on their
    /// own unit of work), compose, render and seal. Null when there is no good guess or the caller refuses; the turn then
    /// does everything under the lock.
    /// </summary>
    private async Task<ExecutionDraft?> DraftAsync(IAgreementExecution execution, NumberGuess? numberGuess, long ahead, Guid agreementId,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sequence = numberGuess is { } guess && guess.Year == now.Year
            ? guess.Sequence
            : await CounterValueAsync(db, execution.Kind, now.Year, cancellationToken) is { } value ? (int)(value + 1 + ahead) : (int?)null;
        var terms = sequence is null ? null : await FrozenTerms.LoadCurrentAsync(db, execution.Kind, parsedTemplates, cancellationToken);
        if (terms is null)
        {
            return null;
        }
        var facts = Facts(terms, sequence!.Value, now, execution.Kind, agreementId);
        if (await execution.PrepareAsync(db, facts, cancellationToken) is not null)
        {
            return null;
        }
        var composed = execution.Compose(facts);
        using var slot = await draftSlots.EnterAsync(cancellationToken);
        var renderStartedAt = Stopwatch.GetTimestamp();
        var pdf = await RenderAsync(composed, facts, slot.ReleasingBefore(timestamps.ForSeal), cancellationToken);
        metrics.Drafted(renderStartedAt);
        return new ExecutionDraft(facts, ExecutionDraft.FingerprintOf(composed), pdf);
    }

    /// <summary>
    /// At this turn nothing else in this process executes the kind, so only another instance can have taken the number
    /// the draft expects. The counter says which number is next; when that is not the draft's (or there is no draft), a
    /// new draft is made for it, still outside the database lock, so the lock is held for database work only. With
    /// several instances executing at once this is what keeps rendering out of the lock that all of them share.
    /// </summary>
    private async Task<ExecutionDraft?> RefreshAsync(IAgreementExecution execution, ExecutionDraft? draft, Guid agreementId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        int? next;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            next = await CounterValueAsync(db, execution.Kind, now.Year, cancellationToken) is { } value ? (int)(value + 1) : null;
        }
        if (next is null || (draft is not null && draft.Facts.Sequence == next && draft.Facts.NowUtc.Year == now.Year))
        {
            return draft;
        }
        return await DraftAsync(execution, new NumberGuess(now.Year, next.Value), 0, agreementId, cancellationToken);
    }

    private static async Task<long?> CounterValueAsync(AppDbContext db, AgreementKind kind, int year, CancellationToken cancellationToken)
    {
        var name = DatabaseCounters.AgreementNumber(kind.ToString(), year);
        return await db.Counters.AsNoTracking().Where(c => c.Name == name).Select(c => (long?)c.Value).FirstOrDefaultAsync(cancellationToken);
    }

    private ExecutionFacts Facts(FrozenTerms terms, int sequence, DateTime now, AgreementKind kind, Guid agreementId) =>
        new(terms, sequence, AgreementNumbers.Format(kind, now.Year, sequence), now, vendorOptions.Value, agreementOptions.Value, urls.Absolute("/verify"))
        {
            AgreementId = agreementId,
            StatusUrl = urls.Absolute(VerifyPaths.ForAgreement(agreementId)),
        };

    // With time-stamp authorities configured, sealing asks one over the network (see TimestampAuthorities).
    private Task<byte[]> RenderAsync(ComposedAgreement composed, ExecutionFacts facts, ISealTimestamper? timestamper, CancellationToken cancellationToken)
    {
        var options = agreementOptions.Value;
        return AgreementRenderer.RenderAndSealAsync(composed.Content, seal.Certificate, new SealDetails(
            $"{facts.Terms.Template.Title} {facts.Number} executed",
            string.IsNullOrWhiteSpace(options.Seal.Location) ? facts.Vendor.Address : options.Seal.Location,
            facts.Vendor.ContactEmail), timestamper, cancellationToken);
    }

    private async Task<(AgreementExecutionOutcome Outcome, Stored? Stored)> TryExecuteAsync(IAgreementExecution execution, Guid agreementId, ExecutionDraft? draft, bool resync,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // First statement: the write lock. Voids and other executions of this kind wait here, in any process.
        await DatabaseCounters.LockAsync(db, DatabaseCounters.AgreementStatusLock(execution.Kind.ToString()), cancellationToken);
        // The draft's time is when the signer acted; it is also the time its PDF states.
        var now = draft?.Facts.NowUtc ?? clock.GetUtcNow().UtcDateTime;
        if (resync)
        {
            await AgreementNumbers.ResyncAsync(db, execution.Kind, now.Year, cancellationToken);
        }
        var (sequence, number) = await AgreementNumbers.NextAsync(db, execution.Kind, now.Year, cancellationToken);
        var terms = await FrozenTerms.LoadCurrentAsync(db, execution.Kind, parsedTemplates, cancellationToken);
        if (terms is null)
        {
            return (AgreementExecutionOutcome.Refused($"No {execution.Kind.ToString().ToUpperInvariant()} template is published yet. Please contact us."), null);
        }
        var facts = Facts(terms, sequence, now, execution.Kind, agreementId);
        if (await execution.PrepareAsync(db, facts, cancellationToken) is { } refusal)
        {
            return (AgreementExecutionOutcome.Refused(refusal), null);
        }

        var composed = execution.Compose(facts);
        var draftUsed = draft is not null && draft.Matches(facts, composed);
        // Rendering here (the draft was for another document) asks the time-stamp authority under the lock: rare, and
        // bounded by Agreements:Seal:TimestampTimeout and retries.
        var pdf = draftUsed ? draft!.Pdf : await RenderAsync(composed, facts, timestamps.ForSeal, cancellationToken);

        var agreement = NewAgreement(execution, composed.Parties, facts);
        var document = AgreementDocument.For(agreement.Id, pdf, now);
        db.Agreements.Add(agreement);
        db.AgreementDocuments.Add(document);
        await SupersedeEarlierAsync(db, execution, agreement, now, cancellationToken);
        audit.Record(db, execution.Actor, "agreement.executed", nameof(Agreement), agreement.Id.ToString(), new
        {
            number,
            kind = agreement.Kind.ToString(),
            organizationId = agreement.OrganizationId,
            templateVersion = terms.Template.Version,
            pdfSha256 = document.Sha256,
            signer = agreement.SignerName,
            signerEmail = agreement.SignerEmail,
            userAgent = agreement.SignerUserAgent,
            countersigner = composed.Parties.CountersignerEmail,
        });
        AgreementWebhooks.Executed(db, agreement, now);
        await AttestationLedger.CoverAsync(db, audit, execution.Actor, agreement.OrganizationId, execution.Covers,
            new AttestationEvidence(nameof(Agreement), agreement.Id, number), now, cancellationToken);
        execution.Complete(db, facts, agreement);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException && !DatabaseBusy.Is(ex))
        {
            if (await IsStoredAsync(number, cancellationToken))
            {
                throw new NumberTaken(number);
            }
            throw;
        }
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Executed {Number} for organization {OrganizationId} in one transaction ({Pdf}).",
            number, agreement.OrganizationId, draftUsed ? "PDF drafted before the lock" : "PDF rendered under the lock");
        return (AgreementExecutionOutcome.Done(agreement.Id, number, document.Sha256), new Stored(now.Year, sequence, draftUsed));
    }

    private sealed record Stored(int Year, int Sequence, bool DraftUsed);

    private async Task<bool> IsStoredAsync(string number, CancellationToken cancellationToken)
    {
        await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await fresh.Agreements.AnyAsync(a => a.Number == number, cancellationToken);
    }

    private static Agreement NewAgreement(IAgreementExecution execution, AgreementParties parties, ExecutionFacts facts) => new()
    {
        Id = facts.AgreementId,
        Number = facts.Number,
        Kind = execution.Kind,
        Year = facts.NowUtc.Year,
        Sequence = facts.Sequence,
        Status = AgreementStatus.Executed,
        OrganizationId = execution.OrganizationId,
        TemplateId = facts.Terms.Template.Id,
        TemplateVersion = facts.Terms.Template.Version,
        Customer = parties.Customer,
        VendorLegalName = facts.Vendor.LegalName,
        VendorSignatoryName = parties.VendorSignatoryName,
        VendorSignatoryTitle = parties.VendorSignatoryTitle,
        SignerName = parties.SignerName,
        SignerTitle = parties.SignerTitle,
        SignerEmail = parties.SignerEmail,
        SignerUserId = parties.SignerUserId,
        SignerIpAddress = parties.SignerIpAddress,
        SignerUserAgent = Truncate(parties.SignerUserAgent, UserAgentMaxLength),
        ExecutedAtUtc = facts.NowUtc,
        DetailsJson = parties.DetailsJson,
        TemplateSha256 = facts.Terms.Template.Sha256,
        CommitmentsVersion = facts.Terms.CommitmentsVersion,
        CommitmentsSha256 = facts.Terms.CommitmentsSha256,
        SubprocessorsSha256 = facts.Terms.SubprocessorsSha256,
    };

    /// <summary>An organization has one agreement of a kind in force: the new one replaces any earlier executed one.</summary>
    private async Task SupersedeEarlierAsync(AppDbContext db, IAgreementExecution execution, Agreement replacement, DateTime now, CancellationToken cancellationToken)
    {
        var earlier = await db.Agreements
            .Where(a => a.OrganizationId == execution.OrganizationId && a.Kind == execution.Kind && a.Status == AgreementStatus.Executed)
            .ToListAsync(cancellationToken);
        foreach (var old in earlier)
        {
            old.Status = AgreementStatus.Superseded;
            old.StatusChangedAtUtc = now;
            old.StatusReason = $"Replaced by {replacement.Number}.";
            audit.Record(db, execution.Actor, "agreement.superseded", nameof(Agreement), old.Id.ToString(), new { old.Number, replacedBy = replacement.Number });
        }
    }

    /// <summary>Truncates a client-supplied string to what the agreement row and its audit event keep.</summary>
    public static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];

    private sealed class NumberTaken(string number) : Exception($"Agreement number {number} is already stored.")
    {
        public string Number { get; } = number;
    }
}
