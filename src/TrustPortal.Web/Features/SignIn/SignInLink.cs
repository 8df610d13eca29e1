using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrustPortal.Web.Data;

namespace TrustPortal.Web.Features.SignIn;

/// <summary>
/// An emailed sign-in link. The link carries a random token; only its SHA-256 is stored. It works once, until
/// <see cref="ExpiresAtUtc"/>, and only while the account's security stamp is unchanged (a new password or a
/// deactivation voids it).
/// </summary>
public class SignInLink
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public string UserId { get; set; } = "";
    public string TokenHash { get; set; } = "";
    public string? SecurityStamp { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
    public DateTime? UsedAtUtc { get; set; }
}

public sealed class SignInLinkConfiguration : IEntityTypeConfiguration<SignInLink>
{
    public void Configure(EntityTypeBuilder<SignInLink> builder)
    {
        builder.Property(l => l.UserId).HasMaxLength(450);
        builder.Property(l => l.TokenHash).HasMaxLength(64);
        builder.Property(l => l.SecurityStamp).HasMaxLength(256);
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => new { l.UserId, l.CreatedAtUtc });
        builder.HasIndex(l => l.ExpiresAtUtc);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
