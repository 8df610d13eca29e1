using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrustPortal.Web.Features.Agreements;

/// <summary>
/// A one-time code emailed to a signature request's address: proof that whoever signs from the link also reads that
/// mailbox. Only a salted SHA-256 of the code is stored. It expires, allows a few attempts, and verifies once; the
/// browser that verified it holds a secret (also stored hashed) that the signature must present.
/// </summary>
public class SignatureCode
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid SignatureRequestId { get; set; }
    /// <summary>1 for the request's first code, 2 for the next: unique per request, so two sends at once cannot both pass the resend limit.</summary>
    public int Sequence { get; set; }
    public string SentTo { get; set; } = "";
    /// <summary>SHA-256 of the code salted with <see cref="Id"/>.</summary>
    public string CodeHash { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
    /// <summary>Attempts made, right or wrong; none is accepted once it reaches the limit.</summary>
    public int Attempts { get; set; }
    public DateTime? VerifiedAtUtc { get; set; }
    public string? VerifiedIpAddress { get; set; }
    public string? VerifiedUserAgent { get; set; }
    /// <summary>SHA-256 of the secret in the cookie of the browser that entered the code.</summary>
    public string? BrowserHash { get; set; }
}

public sealed class SignatureCodeConfiguration : IEntityTypeConfiguration<SignatureCode>
{
    public void Configure(EntityTypeBuilder<SignatureCode> builder)
    {
        builder.Property(c => c.SentTo).HasMaxLength(256);
        builder.Property(c => c.CodeHash).HasMaxLength(64);
        builder.Property(c => c.VerifiedIpAddress).HasMaxLength(64);
        builder.Property(c => c.VerifiedUserAgent).HasMaxLength(512);
        builder.Property(c => c.BrowserHash).HasMaxLength(64);
        builder.HasIndex(c => new { c.SignatureRequestId, c.Sequence }).IsUnique();
        builder.HasOne<SignatureRequest>().WithMany().HasForeignKey(c => c.SignatureRequestId).OnDelete(DeleteBehavior.Cascade);
    }
}
