using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustPortal.Documents;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Attestations;
using TrustPortal.Web.Features.Audit;
using TrustPortal.Web.Features.TrustCenter;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Security;

namespace TrustPortal.Web.Features.Baa;

/// <summary>
/// Legal's last step: countersign a BAA the customer signed. In one transaction it numbers, renders and seals the
/// executed BAA, stores it, makes the HIPAA attestation current, and records and announces it.
/// </summary>
public sealed class BaaCountersignService(
    IDbContextFactory<AppDbContext> dbFactory,
    CurrentUser currentUser,
    AuditTrail audit,
    BaaNotifications notify,
    SealCertificate seal,
    IOptions<VendorOptions> vendor,
    TimeProvider clock)
{
    public async Task<List<BaaAwaitingCountersignature>> ListAwaitingAsync()
    {
        if (!await currentUser.IsInRoleAsync(Roles.Legal))
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.BaaRequests.AsNoTracking()
            .Where(r => r.Status == BaaStatus.AwaitingCountersignature)
            .OrderBy(r => r.SignedAtUtc)
            .Select(r => new BaaAwaitingCountersignature(r.Id, r.Reference, r.Version, r.Organization!.Name, r.Customer.LegalName,
                r.SignerName ?? "", r.SignerTitle ?? "", r.SignedAtUtc ?? r.UpdatedAtUtc, r.DecidedByName ?? ""))
            .ToListAsync();
    }

    public async Task<BaaResult> CountersignAsync(Guid id, Guid version)
    {
        if (!await currentUser.IsInRoleAsync(Roles.Legal))
        {
            return BaaResult.Invalid("Only Legal can countersign agreements.");
        }
        var me = await currentUser.GetAsync();
        var actor = await currentUser.GetActorAsync();
        for (var attempt = 1; ; attempt++)
        {
            await AgreementNumbers.Gate.WaitAsync();
            try
            {
                return await TryCountersignAsync(id, version, me!, actor);
            }
            catch (DbUpdateConcurrencyException)
            {
                return BaaResult.Conflicted();
            }
            catch (NumberTakenException) when (attempt < 5)
            {
                // Another process took the number; take the next one.
            }
            finally
            {
                AgreementNumbers.Gate.Release();
            }
        }
    }

    private async Task<BaaResult> TryCountersignAsync(Guid id, Guid version, UserSnapshot me, AuditActor actor)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var (request, refusal) = await BaaVersions.LoadAsync(db, id, version);
        if (request is null)
        {
            return refusal!;
        }
        if (BaaWorkflow.Next(request.Status, BaaAction.Countersign) is not { } next)
        {
            return BaaResult.Invalid("Only a BAA the customer has signed can be countersigned.");
        }
        var terms = await FrozenTerms.LoadCurrentAsync(db, AgreementKind.Baa)
            ?? throw new InvalidOperationException("No BAA template is published.");
        var useCase = JsonSerializer.Deserialize<BaaUseCase>(request.UseCaseJson, BaaCustomerService.Json) ?? new BaaUseCase();
        var now = clock.GetUtcNow().UtcDateTime;
        var (sequence, number) = await AgreementNumbers.NextAsync(db, AgreementKind.Baa, now.Year, CancellationToken.None);
        var title = Admin.StaffService.SignatoryTitle(await db.Users.Where(u => u.Id == me.Id).Select(u => u.JobTitle).FirstOrDefaultAsync());
        CertificateEvent[] events =
        [
            new(request.SubmittedAtUtc, $"Use case {BaaNotifications.Ref(request)} submitted by {request.RequestedByName} ({request.RequestedByEmail})", null, null),
            new(request.DecidedAtUtc ?? now, $"Approved by {request.DecidedByName} after review of eligibility", null, null),
            new(request.SignedAtUtc ?? now, $"Signed by {request.SignerName}, {request.SignerTitle} ({request.SignerEmail}), typing \"{request.SignerTypedName}\"", request.SignerIpAddress, request.SignerUserAgent),
            new(now, $"Countersigned for {vendor.Value.LegalName} by {me.DisplayName}, {title} ({me.Email}), and sealed", actor.IpAddress, currentUser.GetUserAgent()),
        ];
        var content = BaaDocument.Compose(terms, request, useCase, vendor.Value, (me.DisplayName, title), number, now, events, notify.Absolute("/verify"));
        var pdf = AgreementRenderer.RenderAndSeal(content, seal.Certificate,
            new SealDetails($"{terms.Template.Title} {number} executed", vendor.Value.Address, vendor.Value.ContactEmail));
        var agreement = new Agreement
        {
            Number = number,
            Kind = AgreementKind.Baa,
            Year = now.Year,
            Sequence = sequence,
            Status = AgreementStatus.Executed,
            OrganizationId = request.OrganizationId,
            TemplateId = terms.Template.Id,
            TemplateVersion = terms.Template.Version,
            Customer = new PartyDetails { LegalName = request.Customer.LegalName, Address = request.Customer.Address, Country = request.Customer.Country },
            VendorLegalName = vendor.Value.LegalName,
            VendorSignatoryName = me.DisplayName,
            VendorSignatoryTitle = title,
            SignerName = request.SignerName ?? "",
            SignerTitle = request.SignerTitle ?? "",
            SignerEmail = request.SignerEmail ?? "",
            SignerIpAddress = request.SignerIpAddress,
            SignerUserAgent = request.SignerUserAgent,
            ExecutedAtUtc = now,
            DetailsJson = request.UseCaseJson,
            TemplateSha256 = terms.Template.Sha256,
            CommitmentsVersion = terms.CommitmentsVersion,
            CommitmentsSha256 = terms.CommitmentsSha256,
            SubprocessorsSha256 = terms.SubprocessorsSha256,
        };
        db.Agreements.Add(agreement);
        db.AgreementDocuments.Add(AgreementDocument.For(agreement.Id, pdf, now));
        request.CountersignedByName = me.DisplayName;
        request.CountersignedByTitle = title;
        request.CountersignedAtUtc = now;
        request.AgreementId = agreement.Id;
        BaaCustomerService.Move(request, next, now);
        audit.Record(db, actor, "baa.countersigned", nameof(BaaRequest), id.ToString(), new { reference = BaaNotifications.Ref(request), number });
        audit.Record(db, actor, "agreement.executed", nameof(Agreement), agreement.Id.ToString(),
            new { number, kind = "Baa", organizationId = request.OrganizationId, templateVersion = terms.Template.Version, signer = agreement.SignerName, countersigner = me.Email });
        await AttestationLedger.CoverAsync(db, audit, actor, request.OrganizationId, [ComplianceFramework.Hipaa],
            new AttestationEvidence(nameof(Agreement), agreement.Id, number), now);
        notify.ToCustomer(db, request, $"{number}: your Business Associate Agreement is executed",
            $"The Business Associate Agreement for {request.Customer.LegalName} is countersigned and executed as {number}.\n\n"
            + $"Download the sealed PDF here:\n{notify.Absolute($"/agreements/{agreement.Id}")}");
        if (!await AgreementNumbers.SaveAsync(db, dbFactory, number, CancellationToken.None))
        {
            throw new NumberTakenException();
        }
        return BaaResult.Ok(agreement.Id);
    }
}

/// <summary>Another process stored the same agreement number first.</summary>
public sealed class NumberTakenException : Exception;

public sealed record BaaAwaitingCountersignature(Guid Id, int Reference, Guid Version, string OrganizationName, string LegalName,
    string SignerName, string SignerTitle, DateTime SignedAtUtc, string ApprovedBy);
