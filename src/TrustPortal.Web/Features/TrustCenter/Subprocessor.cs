using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrustPortal.Web.Features.TrustCenter;

/// <summary>A third party that processes customer data on the vendor's behalf.</summary>
public class Subprocessor
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Purpose { get; set; } = "";
    public string Location { get; set; } = "";
    public string DataCategories { get; set; } = "";
    public string? Website { get; set; }
    public DateOnly AddedOn { get; set; }
    public DateOnly? RemovedOn { get; set; }
}

public sealed class SubprocessorConfiguration : IEntityTypeConfiguration<Subprocessor>
{
    public void Configure(EntityTypeBuilder<Subprocessor> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Purpose).HasMaxLength(500);
        builder.Property(s => s.Location).HasMaxLength(200);
        builder.Property(s => s.DataCategories).HasMaxLength(500);
        builder.Property(s => s.Website).HasMaxLength(500);
    }
}
