using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrustPortal.Web.Features.Documents;

public enum DocumentActivityKind
{
    View = 1,
    Download = 2,
}

/// <summary>
/// One view of a document's page or one download, by a known reader: a viewer or a signed-in user. Counted per company
/// (the email's domain) for Sales.
/// </summary>
public class DocumentActivity
{
    public long Id { get; set; }
    public Guid DocumentId { get; set; }
    public DocumentActivityKind Kind { get; set; }
    public DateTime AtUtc { get; set; }
    public Guid? ViewerId { get; set; }
    public string? UserId { get; set; }
    public string Email { get; set; } = "";
    public string Domain { get; set; } = "";
    public string? IpAddress { get; set; }
}

/// <summary>
/// A company as Sales follow it (an email domain): who owns the account and when its review reminder went out.
/// Created with the company's first download.
/// </summary>
public class TrustAccount
{
    public string Domain { get; set; } = "";
    public string? OwnerUserId { get; set; }
    public DateTime FirstDownloadAtUtc { get; set; }
    public DateTime? ReviewReminderSentAtUtc { get; set; }
}

public sealed class DocumentActivityConfiguration : IEntityTypeConfiguration<DocumentActivity>
{
    public void Configure(EntityTypeBuilder<DocumentActivity> builder)
    {
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.Email).HasMaxLength(256);
        builder.Property(a => a.Domain).HasMaxLength(253);
        builder.Property(a => a.IpAddress).HasMaxLength(64);
        builder.HasIndex(a => new { a.Domain, a.AtUtc });
        builder.HasIndex(a => new { a.DocumentId, a.AtUtc });
        builder.HasOne<TrustDocument>().WithMany().HasForeignKey(a => a.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class TrustAccountConfiguration : IEntityTypeConfiguration<TrustAccount>
{
    public void Configure(EntityTypeBuilder<TrustAccount> builder)
    {
        builder.HasKey(a => a.Domain);
        builder.Property(a => a.Domain).HasMaxLength(253);
        builder.Property(a => a.OwnerUserId).HasMaxLength(450);
        builder.HasIndex(a => new { a.ReviewReminderSentAtUtc, a.FirstDownloadAtUtc });
    }
}
