using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Documents;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Attestations;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Features.Agreements.Execution;

/// <summary>
/// The one way an agreement is executed. In one transaction: the number (a counter row, so the database, not this
/// process, keeps numbers consecutive), the frozen terms, the caller's checks, compose, render and seal, the stored PDF
/// with its SHA-256, superseding the organization's earlier agreement of the kind, the audit events, the attestations,
/// and the caller's rows and emails. A failure anywhere leaves nothing behind and no number used.
/// </summary>
/// <remarks>
/// The number is printed in the PDF, so rendering happens after it is taken, inside the transaction: the write lock is
/// held for the render (tens of milliseconds), never for a queue in this process.
/// </remarks>
public sealed class AgreementExecutor(
    IDbContextFactory<AppDbContext> dbFactory,
    AuditTrail audit,
    SealCertificate seal,
    PublicUrls urls,
    IOptions<VendorOptions> vendorOptions,
    IOptions<AgreementOptions> agreementOptions,
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
        var resync = false;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryExecuteAsync(execution, resync, cancellationToken);
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

    private async Task<AgreementExecutionOutcome> TryExecuteAsync(IAgreementExecution execution, bool resync, CancellationToken cancellationToken)
    {
        var vendor = vendorOptions.Value;
        var options = agreementOptions.Value;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // First statement: the write lock. Voids and other executions of this kind wait here, in any process.
        await DatabaseCounters.LockAsync(db, DatabaseCounters.AgreementStatusLock(execution.Kind.ToString()), cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (resync)
        {
            await AgreementNumbers.ResyncAsync(db, execution.Kind, now.Year, cancellationToken);
        }
        var (sequence, number) = await AgreementNumbers.NextAsync(db, execution.Kind, now.Year, cancellationToken);
        var terms = await FrozenTerms.LoadCurrentAsync(db, execution.Kind, cancellationToken);
        if (terms is null)
        {
            return AgreementExecutionOutcome.Refused($"No {execution.Kind.ToString().ToUpperInvariant()} template is published yet. Please contact us.");
        }
        var facts = new ExecutionFacts(terms, sequence, number, now, vendor, options, urls.Absolute("/verify"));
        if (await execution.PrepareAsync(db, facts, cancellationToken) is { } refusal)
        {
            return AgreementExecutionOutcome.Refused(refusal);
        }

        var composed = execution.Compose(facts);
        var watch = Stopwatch.StartNew();
        var pdf = AgreementRenderer.RenderAndSeal(composed.Content, seal.Certificate, new SealDetails(
            $"{terms.Template.Title} {number} executed",
            string.IsNullOrWhiteSpace(options.Seal.Location) ? vendor.Address : options.Seal.Location,
            vendor.ContactEmail));
        var renderMs = watch.Elapsed.TotalMilliseconds;

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
        logger.LogInformation("Executed {Number} for organization {OrganizationId} in one transaction (render and seal {RenderMs:0} ms).",
            number, agreement.OrganizationId, renderMs);
        return AgreementExecutionOutcome.Done(agreement.Id, number, document.Sha256);
    }

    private async Task<bool> IsStoredAsync(string number, CancellationToken cancellationToken)
    {
        await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await fresh.Agreements.AnyAsync(a => a.Number == number, cancellationToken);
    }

    private static Agreement NewAgreement(IAgreementExecution execution, AgreementParties parties, ExecutionFacts facts) => new()
    {
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
