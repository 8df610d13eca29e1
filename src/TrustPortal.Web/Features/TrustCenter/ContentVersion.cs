using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrustPortal.Web.Features.TrustCenter;

/// <summary>A published version of the data-privacy commitments. Agreements freeze its hash.</summary>
public class ContentVersion
{
    public int Id { get; set; }
    public int Number { get; set; }
    public DateOnly EffectiveDate { get; set; }
    public DateTime PublishedAtUtc { get; set; }
    public string PublishedBy { get; set; } = "";
    public string ChangeSummary { get; set; } = "";
    /// <summary>SHA-256 of the sections' canonical text, as <see cref="ContentHash"/> computes it.</summary>
    public string Sha256 { get; set; } = "";
    public List<ContentSection> Sections { get; set; } = [];
}

/// <summary>One titled section of a commitments version, its body in Markdown.</summary>
public class ContentSection
{
    public int Id { get; set; }
    public int ContentVersionId { get; set; }
    public int Order { get; set; }
    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";
    /// <summary>One sentence for the home page.</summary>
    public string Summary { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";
}

public sealed class ContentVersionConfiguration : IEntityTypeConfiguration<ContentVersion>
{
    public void Configure(EntityTypeBuilder<ContentVersion> builder)
    {
        builder.HasIndex(v => v.Number).IsUnique();
        builder.Property(v => v.PublishedBy).HasMaxLength(256);
        builder.Property(v => v.ChangeSummary).HasMaxLength(2000);
        builder.Property(v => v.Sha256).HasMaxLength(64);
        builder.HasMany(v => v.Sections).WithOne().HasForeignKey(s => s.ContentVersionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ContentSectionConfiguration : IEntityTypeConfiguration<ContentSection>
{
    public void Configure(EntityTypeBuilder<ContentSection> builder)
    {
        builder.Property(s => s.Slug).HasMaxLength(100);
        builder.Property(s => s.Title).HasMaxLength(200);
        builder.Property(s => s.Summary).HasMaxLength(500);
        builder.HasIndex(s => new { s.ContentVersionId, s.Slug }).IsUnique();
    }
}
