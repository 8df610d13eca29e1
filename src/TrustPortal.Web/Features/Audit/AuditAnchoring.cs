using Microsoft.EntityFrameworkCore;
using TrustPortal.Documents;
using TrustPortal.Web.Data;
using TrustPortal.Web.Infrastructure.Timestamps;

namespace TrustPortal.Web.Features.Audit;

/// <summary>
/// Time-stamps the audit chain's head with the seal's time-stamp authorities (Agreements:Seal:TimestampUrls) and
/// stores the token with an <c>audit.anchored</c> event. The authority is asked before any transaction.
/// </summary>
public sealed class AuditAnchoring(IDbContextFactory<AppDbContext> dbFactory, TimestampAuthorities authorities, AuditTrail audit, TimeProvider clock,
    ILogger<AuditAnchoring> logger)
{
    public const string Disabled = "Anchoring is off: no time-stamp authority is configured (Agreements:Seal:TimestampUrls).";

    public bool Enabled => authorities.Enabled;

    /// <summary>Anchors the current head; the message says what happened (anchored, nothing new, or why not).</summary>
    public async Task<AuditAnchorOutcome> AnchorAsync(AuditActor actor, CancellationToken cancellationToken = default)
    {
        if (!Enabled)
        {
            return new AuditAnchorOutcome(false, Disabled);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var head = await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditHead.SingleId, cancellationToken);
        if (head is null || head.Sequence == 0)
        {
            return new AuditAnchorOutcome(false, "The audit trail is empty: there is nothing to anchor yet.");
        }
        if (await db.AuditAnchors.AsNoTracking().AnyAsync(a => a.Sequence == head.Sequence, cancellationToken))
        {
            return new AuditAnchorOutcome(false, $"Event #{head.Sequence}, the newest, is already anchored.");
        }
        System.Security.Cryptography.Pkcs.Rfc3161TimestampToken? token;
        try
        {
            token = await authorities.TimestampAsync(AuditAnchor.Message(head.Sequence, head.Hash), cancellationToken);
        }
        catch (SealTimestampException)
        {
            token = null;
        }
        if (token is null || !token.VerifySignatureForData(AuditAnchor.Message(head.Sequence, head.Hash), out var authority) || authority is null)
        {
            return new AuditAnchorOutcome(false, "No time-stamp authority answered; nothing was anchored. Try again in a few minutes.");
        }
        var anchor = new AuditAnchor
        {
            Sequence = head.Sequence,
            Hash = head.Hash,
            TimestampUtc = token.TokenInfo.Timestamp.UtcDateTime,
            Authority = authority.Subject,
            Token = token.AsSignedCms().Encode(),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.AuditAnchors.Add(anchor);
        audit.Record(db, actor, "audit.anchored", nameof(AuditAnchor), head.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { head.Sequence, head.Hash, timestampUtc = anchor.TimestampUtc, anchor.Authority });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Another instance anchored this head first.
            logger.LogInformation(ex, "Event #{Sequence} was anchored by another instance meanwhile.", head.Sequence);
            return new AuditAnchorOutcome(false, $"Event #{head.Sequence}, the newest, is already anchored.");
        }
        logger.LogInformation("Anchored the audit chain at #{Sequence} ({Authority}, {Time:O}).", head.Sequence, anchor.Authority, anchor.TimestampUtc);
        return new AuditAnchorOutcome(true, $"Anchored the trail through event #{head.Sequence}.");
    }

    /// <summary>The newest anchor, or null.</summary>
    public async Task<AuditAnchor?> LatestAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditAnchors.AsNoTracking().OrderByDescending(a => a.Sequence).FirstOrDefaultAsync(cancellationToken);
    }
}

public sealed record AuditAnchorOutcome(bool Anchored, string Message);
