using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrustPortal.Web.Features.Soc2;

/// <summary>
/// A SOC 2 Type 2 report file. Visibility is always gated: it is only ever served watermarked, to a customer who has
/// accepted the current NDA. The newest one is the current report.
/// </summary>
public class Soc2Report
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public string Title { get; set; } = "";
    public string Auditor { get; set; } = "";
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public string FileName { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public string Sha256 { get; set; } = "";
    public DateTime PublishedAtUtc { get; set; }
    public string PublishedBy { get; set; } = "";
}

/// <summary>A customer's click-through acceptance of the NDA, and the report delivered under it.</summary>
public class NdaAcceptance
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganizationId { get; set; }
    public string UserId { get; set; } = "";
    public string UserName { get; set; } = "";
    public string Email { get; set; } = "";
    public int NdaVersion { get; set; }
    public string NdaSha256 { get; set; } = "";
    public string TypedName { get; set; } = "";
    public DateTime AcceptedAtUtc { get; set; }
    public string? IpAddress { get; set; }
    public string? UserAgent { get; set; }
    /// <summary>The report last delivered under this acceptance, and when.</summary>
    public Guid? ReportId { get; set; }
    public DateTime? DeliveredAtUtc { get; set; }
}

public sealed class Soc2ReportConfiguration : IEntityTypeConfiguration<Soc2Report>
{
    public void Configure(EntityTypeBuilder<Soc2Report> builder)
    {
        builder.Property(r => r.Title).HasMaxLength(200);
        builder.Property(r => r.Auditor).HasMaxLength(200);
        builder.Property(r => r.FileName).HasMaxLength(200);
        builder.Property(r => r.Sha256).HasMaxLength(64);
        builder.Property(r => r.PublishedBy).HasMaxLength(256);
        builder.HasIndex(r => r.PublishedAtUtc);
    }
}

public sealed class NdaAcceptanceConfiguration : IEntityTypeConfiguration<NdaAcceptance>
{
    public void Configure(EntityTypeBuilder<NdaAcceptance> builder)
    {
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.UserName).HasMaxLength(256);
        builder.Property(a => a.Email).HasMaxLength(256);
        builder.Property(a => a.NdaSha256).HasMaxLength(64);
        builder.Property(a => a.TypedName).HasMaxLength(100);
        builder.Property(a => a.IpAddress).HasMaxLength(64);
        builder.Property(a => a.UserAgent).HasMaxLength(512);
        builder.HasIndex(a => new { a.OrganizationId, a.AcceptedAtUtc });
        builder.HasIndex(a => new { a.UserId, a.NdaVersion });
        builder.HasOne<Organizations.Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Soc2Report>().WithMany().HasForeignKey(a => a.ReportId).OnDelete(DeleteBehavior.SetNull);
    }
}
