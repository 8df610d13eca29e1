using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrustPortal.Web.Features.Documents;

/// <summary>Who may download a document, from the most open to the most closed.</summary>
public enum DocumentVisibility
{
    /// <summary>Anyone, without signing in.</summary>
    Public = 1,

    /// <summary>A viewer whose access is granted (or a customer), after accepting the click-through NDA.</summary>
    Nda = 2,

    /// <summary>A viewer whose access is granted (or a customer): granted at once for known companies, otherwise by Sales.</summary>
    Approved = 3,

    /// <summary>Signed-in members of a customer organization only.</summary>
    CustomersOnly = 4,
}

/// <summary>
/// A document in the trust center's library (a SOC 2 report, a penetration-test summary, a policy, a questionnaire).
/// Always a PDF, so every copy can carry its reader's name. Archived documents leave the library but keep their history.
/// </summary>
public class TrustDocument
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public DocumentVisibility Visibility { get; set; }
    public string FileName { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public string Sha256 { get; set; } = "";
    public long SizeBytes { get; set; }

    /// <summary>The staff member who keeps it current and is reminded before it lapses.</summary>
    public string OwnerUserId { get; set; } = "";

    /// <summary>The day the document stops being current (e.g. a report's validity, a certificate's expiry).</summary>
    public DateOnly ExpiresOn { get; set; }

    public DateTime PublishedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public string UpdatedBy { get; set; } = "";
    public DateTime? ArchivedAtUtc { get; set; }

    /// <summary>When the owner was reminded of <see cref="ExpiresOn"/>; cleared when a new expiry date is set.</summary>
    public DateTime? ExpiryReminderSentAtUtc { get; set; }
}

public sealed class TrustDocumentConfiguration : IEntityTypeConfiguration<TrustDocument>
{
    public void Configure(EntityTypeBuilder<TrustDocument> builder)
    {
        builder.ToTable("TrustDocuments");
        builder.Property(d => d.Title).HasMaxLength(DocumentRules.TitleMaxLength);
        builder.Property(d => d.Description).HasMaxLength(DocumentRules.DescriptionMaxLength);
        builder.Property(d => d.Visibility).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.FileName).HasMaxLength(200);
        builder.Property(d => d.Sha256).HasMaxLength(64);
        builder.Property(d => d.OwnerUserId).HasMaxLength(450);
        builder.Property(d => d.UpdatedBy).HasMaxLength(256);
        builder.HasIndex(d => new { d.ArchivedAtUtc, d.ExpiresOn });
    }
}
