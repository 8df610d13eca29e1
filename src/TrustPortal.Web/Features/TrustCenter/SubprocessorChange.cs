using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrustPortal.Web.Features.TrustCenter;

public enum SubprocessorChangeKind { Added, Changed, Removed }

/// <summary>
/// One change to the subprocessor list. While <see cref="VersionId"/> is null it is a draft that nobody outside the
/// admin page sees; publishing applies it to the public list and files it under the version that announced it.
/// </summary>
public class SubprocessorChange
{
    public int Id { get; set; }
    public SubprocessorChangeKind Kind { get; set; }

    /// <summary>The public entry it changes; for an addition, set when it is published.</summary>
    public int? SubprocessorId { get; set; }
    public Subprocessor? Subprocessor { get; set; }

    // The entry as it will read after the change (for a removal, as it read before).
    public string Name { get; set; } = "";
    public string Purpose { get; set; } = "";
    public string Location { get; set; } = "";
    public string DataCategories { get; set; } = "";
    public string? Website { get; set; }

    public DateTime SavedAtUtc { get; set; }
    public string SavedBy { get; set; } = "";

    public int? VersionId { get; set; }
    public SubprocessorListVersion? Version { get; set; }

    /// <summary>When the change applies: for an addition, the publish date plus the DPA's objection period.</summary>
    public DateOnly? EffectiveOn { get; set; }

    /// <summary>Changed on every write, so an edit racing a publish (on any instance) fails instead of rewriting history.</summary>
    public Guid Stamp { get; set; } = Guid.NewGuid();

    public bool IsDraft => VersionId is null;
}

public sealed class SubprocessorChangeConfiguration : IEntityTypeConfiguration<SubprocessorChange>
{
    public void Configure(EntityTypeBuilder<SubprocessorChange> builder)
    {
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Purpose).HasMaxLength(500);
        builder.Property(c => c.Location).HasMaxLength(200);
        builder.Property(c => c.DataCategories).HasMaxLength(500);
        builder.Property(c => c.Website).HasMaxLength(500);
        builder.Property(c => c.SavedBy).HasMaxLength(256);
        builder.Property(c => c.Stamp).IsConcurrencyToken();
        builder.Ignore(c => c.IsDraft);
        builder.HasOne(c => c.Subprocessor).WithMany().HasForeignKey(c => c.SubprocessorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Version).WithMany(v => v.Changes).HasForeignKey(c => c.VersionId).OnDelete(DeleteBehavior.Restrict);
        // At most one draft per public entry: a second edit updates the first.
        builder.HasIndex(c => c.SubprocessorId).IsUnique().HasFilter("\"VersionId\" IS NULL AND \"SubprocessorId\" IS NOT NULL");
        builder.HasIndex(c => c.VersionId);
    }
}
