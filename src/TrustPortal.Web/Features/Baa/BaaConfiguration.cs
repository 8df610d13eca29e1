using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrustPortal.Web.Features.Baa;

public sealed class BaaRequestConfiguration : IEntityTypeConfiguration<BaaRequest>
{
    public void Configure(EntityTypeBuilder<BaaRequest> builder)
    {
        builder.ConfigureReviewedRequest<BaaRequest, BaaMessage>();
        builder.Property(r => r.Role).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.UseCaseJson).HasMaxLength(64_000);
        builder.Property(r => r.ContactName).HasMaxLength(Shared.AgreementLimits.PersonNameMaxLength);
        builder.Property(r => r.ContactEmail).HasMaxLength(256);
        builder.HasMany<BaaNote>().WithOne().HasForeignKey(n => n.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class BaaMessageConfiguration : IEntityTypeConfiguration<BaaMessage>
{
    public void Configure(EntityTypeBuilder<BaaMessage> builder) => builder.ConfigureRequestMessage();
}

public sealed class BaaNoteConfiguration : IEntityTypeConfiguration<BaaNote>
{
    public void Configure(EntityTypeBuilder<BaaNote> builder) => builder.ConfigureRequestNote();
}
