using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrustPortal.Web.Features.Audit;

/// <summary>
/// The one row that records where the audit chain ends, signed with the chain key. Deleting the newest events leaves
/// it pointing past the end; rewriting it needs the key. Appends update it first, so it is also the row writers
/// serialize on.
/// </summary>
public class AuditHead
{
    public const int SingleId = 1;

    public int Id { get; set; } = SingleId;
    /// <summary>The last event's sequence; 0 before the first event.</summary>
    public long Sequence { get; set; }
    public string Hash { get; set; } = AuditChain.GenesisHash;
    /// <summary>Events up to this sequence were written before the chain key existed and signed when it was adopted.</summary>
    public long AdoptedThroughSequence { get; set; }
    public DateTime? AdoptedAtUtc { get; set; }
    /// <summary>
    /// Set once, and kept, when an append found the head missing or forged: the first event appended after that, and
    /// what was found. Signed like the rest, so removing it needs the key.
    /// </summary>
    public long? AnomalyAtSequence { get; set; }
    public string? AnomalyNote { get; set; }
    /// <summary>HMAC-SHA256 with the chain key over all the fields above.</summary>
    public string Mac { get; set; } = "";
}

public sealed class AuditHeadConfiguration : IEntityTypeConfiguration<AuditHead>
{
    public void Configure(EntityTypeBuilder<AuditHead> builder)
    {
        builder.ToTable(t => t.HasCheckConstraint("CK_AuditHeads_SingleRow", $"\"Id\" = {AuditHead.SingleId}"));
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.Hash).HasMaxLength(64);
        builder.Property(h => h.AnomalyNote).HasMaxLength(500);
        builder.Property(h => h.Mac).HasMaxLength(64);
    }
}
