using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Agreements;

/// <summary>
/// One published version of an agreement's text, in the template format that <see cref="TemplateParser"/> reads.
/// Published versions are never changed: a new text is a new version, and executed agreements keep pointing at theirs.
/// </summary>
public class AgreementTemplate
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public AgreementKind Kind { get; set; }
    public int Version { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    /// <summary>SHA-256 of title and body, printed on every agreement made from this version.</summary>
    public string Sha256 { get; set; } = "";
    public DateOnly EffectiveDate { get; set; }
    public DateTime PublishedAtUtc { get; set; }
    public string PublishedBy { get; set; } = "";
    public string ChangeSummary { get; set; } = "";
}

public sealed class AgreementTemplateConfiguration : IEntityTypeConfiguration<AgreementTemplate>
{
    public void Configure(EntityTypeBuilder<AgreementTemplate> builder)
    {
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(t => t.Title).HasMaxLength(TemplateRules.TitleMaxLength);
        builder.Property(t => t.Body).HasMaxLength(TemplateRules.BodyMaxLength);
        builder.Property(t => t.Sha256).HasMaxLength(64);
        builder.Property(t => t.PublishedBy).HasMaxLength(256);
        builder.Property(t => t.ChangeSummary).HasMaxLength(TemplateRules.ChangeSummaryMaxLength);
        builder.HasIndex(t => new { t.Kind, t.Version }).IsUnique();
    }
}
