using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.TrustCenter;

public enum CertificationStatus { Current, InProgress, Expired }

/// <summary>An item of the compliance program as shown on /compliance.</summary>
public class Certification
{
    public int Id { get; set; }
    public ComplianceFramework Framework { get; set; }
    public string Name { get; set; } = "";
    public CertificationStatus Status { get; set; }
    public string Summary { get; set; } = "";
    /// <summary>How a customer gets the document that evidences it.</summary>
    public string HowToObtain { get; set; } = "";
    public string? Auditor { get; set; }
    public DateOnly? PeriodStart { get; set; }
    public DateOnly? PeriodEnd { get; set; }
    public int Order { get; set; }
}

public sealed class CertificationConfiguration : IEntityTypeConfiguration<Certification>
{
    public void Configure(EntityTypeBuilder<Certification> builder)
    {
        builder.Property(c => c.Framework).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Summary).HasMaxLength(2000);
        builder.Property(c => c.HowToObtain).HasMaxLength(2000);
        builder.Property(c => c.Auditor).HasMaxLength(200);
    }
}
