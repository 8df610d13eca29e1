using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Agreements;

/// <summary>
/// A prepared agreement sent to the person who may sign it. The emailed link carries a random token; only its
/// SHA-256 is stored, it expires, and it works once. Once signed, a second link (the signatory's copy) downloads the
/// sealed PDF for a few days, and only in the first browser that uses it.
/// </summary>
public class SignatureRequest
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public AgreementKind Kind { get; set; }
    public Guid OrganizationId { get; set; }
    public string RequestedByUserId { get; set; } = "";
    public string RequestedByName { get; set; } = "";
    public string RequestedByEmail { get; set; } = "";
    public string SignatoryEmail { get; set; } = "";
    /// <summary>The prepared form (everything but the signature), as JSON.</summary>
    public string DraftJson { get; set; } = "{}";
    public string TokenHash { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
    public DateTime? CompletedAtUtc { get; set; }
    public Guid? AgreementId { get; set; }
    /// <summary>The emailed code (<see cref="SignatureCode"/>) whose browser signed: the certificate's proof of the address.</summary>
    public Guid? SignedWithCodeId { get; set; }
    /// <summary>SHA-256 of the signatory's download link token, set when the agreement is executed.</summary>
    public string? CopyTokenHash { get; set; }
    public DateTime? CopyExpiresAtUtc { get; set; }
    /// <summary>SHA-256 of the secret in the cookie of the browser that first downloaded the copy; null until then.</summary>
    public string? CopyBrowserHash { get; set; }
}

public sealed class SignatureRequestConfiguration : IEntityTypeConfiguration<SignatureRequest>
{
    public void Configure(EntityTypeBuilder<SignatureRequest> builder)
    {
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.RequestedByUserId).HasMaxLength(450);
        builder.Property(r => r.RequestedByName).HasMaxLength(256);
        builder.Property(r => r.RequestedByEmail).HasMaxLength(256);
        // Two clicks on the same link race to complete it: the second save fails instead of signing twice.
        builder.Property(r => r.CompletedAtUtc).IsConcurrencyToken();
        builder.Property(r => r.SignatoryEmail).HasMaxLength(256);
        builder.Property(r => r.DraftJson).HasMaxLength(64_000);
        builder.Property(r => r.TokenHash).HasMaxLength(64);
        builder.HasIndex(r => r.TokenHash).IsUnique();
        builder.Property(r => r.CopyTokenHash).HasMaxLength(64);
        builder.HasIndex(r => r.CopyTokenHash).IsUnique();
        // Two browsers racing to be the first to download: one binds the link, the other's save fails.
        builder.Property(r => r.CopyBrowserHash).HasMaxLength(64).IsConcurrencyToken();
        builder.HasIndex(r => r.OrganizationId);
        builder.HasOne<Organizations.Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
