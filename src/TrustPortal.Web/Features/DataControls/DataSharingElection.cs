using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrustPortal.Web.Features.Agreements;
using TrustPortal.Web.Features.Organizations;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.DataControls;

/// <summary>
/// One signed change of an organization's data-sharing (model training) election. Rows are only added: the latest
/// <see cref="Revision"/> is the election in force, and an organization with none is Off. The sealed record is the
/// <see cref="Agreement"/> the executor stored in the same transaction.
/// </summary>
public class DataSharingElection
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganizationId { get; set; }
    /// <summary>1 for the organization's first election, then one more per change; unique per organization.</summary>
    public int Revision { get; set; }
    public bool OptedIn { get; set; }
    /// <summary>When the member signed.</summary>
    public DateTime ElectedAtUtc { get; set; }
    /// <summary>From when the choice applies: for an opt-in, the first moment data may be used; for an opt-out, at once.</summary>
    public DateTime EffectiveFromUtc { get; set; }
    public Guid AgreementId { get; set; }
    public string AgreementNumber { get; set; } = "";
    /// <summary>The commitments version whose text the member read and signed.</summary>
    public int CommitmentsVersion { get; set; }
    public string CommitmentsSha256 { get; set; } = "";
    public int TemplateVersion { get; set; }
    public string SignerUserId { get; set; } = "";
    public string SignerName { get; set; } = "";
    public string SignerEmail { get; set; } = "";
    public string TypedName { get; set; } = "";
}

public sealed class DataSharingElectionConfiguration : IEntityTypeConfiguration<DataSharingElection>
{
    public void Configure(EntityTypeBuilder<DataSharingElection> builder)
    {
        // The database, not a process, keeps one election per revision even with several instances.
        builder.HasIndex(e => new { e.OrganizationId, e.Revision }).IsUnique();
        builder.Property(e => e.AgreementNumber).HasMaxLength(32);
        builder.Property(e => e.CommitmentsSha256).HasMaxLength(64);
        builder.Property(e => e.SignerUserId).HasMaxLength(450);
        builder.Property(e => e.SignerName).HasMaxLength(AgreementLimits.PersonNameMaxLength);
        builder.Property(e => e.SignerEmail).HasMaxLength(256);
        builder.Property(e => e.TypedName).HasMaxLength(AgreementLimits.PersonNameMaxLength);
        builder.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agreement>().WithOne().HasForeignKey<DataSharingElection>(e => e.AgreementId).OnDelete(DeleteBehavior.Restrict);
    }
}
