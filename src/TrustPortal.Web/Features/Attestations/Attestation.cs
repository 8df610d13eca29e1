using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Attestations;

public enum AttestationStatus { NotStarted, Requested, InProgress, Current, Expiring, Expired, Superseded }

/// <summary>Where one organization stands on one framework, and the evidence behind it.</summary>
public class Attestation
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganizationId { get; set; }
    public ComplianceFramework Framework { get; set; }
    public AttestationStatus Status { get; set; }
    /// <summary>What proves it, e.g. "Agreement"; with <see cref="EvidenceId"/> and a readable label.</summary>
    public string? EvidenceType { get; set; }
    public Guid? EvidenceId { get; set; }
    public string? EvidenceLabel { get; set; }
    public DateTime? EffectiveAtUtc { get; set; }
    public DateTime? ExpiresAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

public sealed class AttestationConfiguration : IEntityTypeConfiguration<Attestation>
{
    public void Configure(EntityTypeBuilder<Attestation> builder)
    {
        builder.Property(a => a.Framework).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.EvidenceType).HasMaxLength(40);
        builder.Property(a => a.EvidenceLabel).HasMaxLength(200);
        builder.HasIndex(a => new { a.OrganizationId, a.Framework }).IsUnique();
        builder.HasIndex(a => new { a.Framework, a.Status });
        // Covers the matrix's "framework has status" test per organization without reading the rows.
        builder.HasIndex(a => new { a.OrganizationId, a.Framework, a.Status });
        builder.HasOne<Organizations.Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
