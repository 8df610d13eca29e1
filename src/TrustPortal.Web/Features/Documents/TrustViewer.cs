using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrustPortal.Web.Features.Documents;

/// <summary>Where a viewer's access to gated documents stands.</summary>
public enum AccessStatus
{
    /// <summary>Waiting for Sales to approve or deny.</summary>
    Pending = 1,

    /// <summary>Granted until <see cref="TrustViewer.GrantExpiresAtUtc"/>.</summary>
    Granted = 2,

    Denied = 3,
    Revoked = 4,
}

/// <summary>
/// A prospect who proved a work email address through a sign-in link: no password, no account, just access to the
/// documents their grant allows. One row per address; its grant is renewed in place and each change is audited.
/// </summary>
public class TrustViewer
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public string Email { get; set; } = "";
    public string NormalizedEmail { get; set; } = "";

    /// <summary>The email's domain, lower case: the company the viewer's activity is counted under.</summary>
    public string Domain { get; set; } = "";

    public string Name { get; set; } = "";
    public string Company { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? LastSignInAtUtc { get; set; }

    public AccessStatus Status { get; set; }
    public DateTime RequestedAtUtc { get; set; }
    public DateTime? DecidedAtUtc { get; set; }

    /// <summary>"automatic" for a grant the rules gave at once; otherwise the staff member's name.</summary>
    public string? DecidedBy { get; set; }
    public string? DecidedByUserId { get; set; }

    /// <summary>Why: the rule behind an automatic grant, or the reason Sales gave.</summary>
    public string? DecisionReason { get; set; }

    public DateTime? GrantExpiresAtUtc { get; set; }

    public int? NdaVersion { get; set; }
    public string? NdaSha256 { get; set; }
    public string? NdaTypedName { get; set; }
    public DateTime? NdaAcceptedAtUtc { get; set; }
    public string? NdaIpAddress { get; set; }

    public bool HasAccessAt(DateTime nowUtc) => Status == AccessStatus.Granted && GrantExpiresAtUtc > nowUtc;
}

/// <summary>A single-use sign-in link for a viewer; only the SHA-256 of its token is kept.</summary>
public class TrustViewerLink
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ViewerId { get; set; }
    public string TokenHash { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
    public DateTime? UsedAtUtc { get; set; }
}

public sealed class TrustViewerConfiguration : IEntityTypeConfiguration<TrustViewer>
{
    public void Configure(EntityTypeBuilder<TrustViewer> builder)
    {
        builder.Property(v => v.Email).HasMaxLength(256);
        builder.Property(v => v.NormalizedEmail).HasMaxLength(256);
        builder.HasIndex(v => v.NormalizedEmail).IsUnique();
        builder.Property(v => v.Domain).HasMaxLength(253);
        builder.HasIndex(v => v.Domain);
        builder.Property(v => v.Name).HasMaxLength(DocumentRules.NameMaxLength);
        builder.Property(v => v.Company).HasMaxLength(DocumentRules.CompanyMaxLength);
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(v => new { v.Status, v.RequestedAtUtc });
        builder.Property(v => v.DecidedBy).HasMaxLength(256);
        builder.Property(v => v.DecidedByUserId).HasMaxLength(450);
        builder.Property(v => v.DecisionReason).HasMaxLength(DocumentRules.ReasonMaxLength);
        builder.Property(v => v.NdaSha256).HasMaxLength(64);
        builder.Property(v => v.NdaTypedName).HasMaxLength(100);
        builder.Property(v => v.NdaIpAddress).HasMaxLength(64);
    }
}

public sealed class TrustViewerLinkConfiguration : IEntityTypeConfiguration<TrustViewerLink>
{
    public void Configure(EntityTypeBuilder<TrustViewerLink> builder)
    {
        builder.Property(l => l.TokenHash).HasMaxLength(64);
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => new { l.ViewerId, l.CreatedAtUtc });
        builder.HasOne<TrustViewer>().WithMany().HasForeignKey(l => l.ViewerId).OnDelete(DeleteBehavior.Cascade);
    }
}
