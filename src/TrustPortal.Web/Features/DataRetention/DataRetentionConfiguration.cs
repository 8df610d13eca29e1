using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrustPortal.Web.Features.Baa;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.DataRetention;

public sealed class DataRetentionRequestConfiguration : IEntityTypeConfiguration<DataRetentionRequest>
{
    public void Configure(EntityTypeBuilder<DataRetentionRequest> builder)
    {
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => r.Reference).IsUnique();
        builder.HasIndex(r => new { r.Status, r.SubmittedAtUtc });
        builder.HasIndex(r => new { r.Status, r.ResponseDueAtUtc });
        builder.HasIndex(r => r.OrganizationId);
        builder.HasIndex(r => r.AssignedToUserId);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Retention).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.Volume).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.RequestedByUserId).HasMaxLength(450);
        builder.Property(r => r.RequestedByName).HasMaxLength(256);
        builder.Property(r => r.RequestedByEmail).HasMaxLength(256);
        builder.OwnsOne(r => r.Customer, party =>
        {
            party.Property(p => p.LegalName).HasMaxLength(AgreementLimits.LegalNameMaxLength);
            party.Property(p => p.Address).HasMaxLength(AgreementLimits.AddressMaxLength);
            party.Property(p => p.Country).HasMaxLength(100);
            party.Property(p => p.CompanyNumber).HasMaxLength(AgreementLimits.CompanyNumberMaxLength);
        });
        builder.Property(r => r.FormJson).HasMaxLength(64_000);
        builder.Property(r => r.AssignedToUserId).HasMaxLength(450);
        builder.Property(r => r.AssignedToName).HasMaxLength(256);
        builder.Property(r => r.DecisionReason).HasMaxLength(BaaRules.TextMaxLength);
        builder.Property(r => r.DecidedByName).HasMaxLength(256);
        builder.Property(r => r.SignerName).HasMaxLength(AgreementLimits.PersonNameMaxLength);
        builder.Property(r => r.SignerTitle).HasMaxLength(AgreementLimits.PersonNameMaxLength);
        builder.Property(r => r.SignerEmail).HasMaxLength(256);
        builder.Property(r => r.SignerTypedName).HasMaxLength(AgreementLimits.PersonNameMaxLength);
        builder.Property(r => r.SignerIpAddress).HasMaxLength(64);
        builder.Property(r => r.SignerUserAgent).HasMaxLength(512);
        builder.Property(r => r.CountersignedByName).HasMaxLength(256);
        builder.Property(r => r.CountersignedByTitle).HasMaxLength(AgreementLimits.PersonNameMaxLength);
        builder.HasOne(r => r.Organization).WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany<DataRetentionMessage>().WithOne().HasForeignKey(m => m.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class DataRetentionMessageConfiguration : IEntityTypeConfiguration<DataRetentionMessage>
{
    public void Configure(EntityTypeBuilder<DataRetentionMessage> builder)
    {
        builder.Property(m => m.AuthorName).HasMaxLength(256);
        builder.Property(m => m.Text).HasMaxLength(BaaRules.TextMaxLength);
        builder.HasIndex(m => new { m.RequestId, m.CreatedAtUtc });
    }
}
