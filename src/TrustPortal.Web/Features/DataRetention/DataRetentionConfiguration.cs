using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrustPortal.Web.Features.Baa;

namespace TrustPortal.Web.Features.DataRetention;

public sealed class DataRetentionRequestConfiguration : IEntityTypeConfiguration<DataRetentionRequest>
{
    public void Configure(EntityTypeBuilder<DataRetentionRequest> builder)
    {
        builder.ConfigureReviewedRequest<DataRetentionRequest, DataRetentionMessage>();
        builder.Property(r => r.Retention).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.Volume).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.FormJson).HasMaxLength(64_000);
        builder.HasMany<DataRetentionNote>().WithOne().HasForeignKey(n => n.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class DataRetentionMessageConfiguration : IEntityTypeConfiguration<DataRetentionMessage>
{
    public void Configure(EntityTypeBuilder<DataRetentionMessage> builder) => builder.ConfigureRequestMessage();
}

public sealed class DataRetentionNoteConfiguration : IEntityTypeConfiguration<DataRetentionNote>
{
    public void Configure(EntityTypeBuilder<DataRetentionNote> builder) => builder.ConfigureRequestNote();
}
