using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Baa;

/// <summary>The columns, limits and indexes every reviewed request's table has; each type's configuration adds its own.</summary>
public static class ReviewedRequestConfiguration
{
    public static void ConfigureReviewedRequest<TRequest, TMessage>(this EntityTypeBuilder<TRequest> builder)
        where TRequest : ReviewedRequest where TMessage : RequestMessage
    {
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => r.Reference).IsUnique();
        builder.HasIndex(r => new { r.Status, r.SubmittedAtUtc });
        builder.HasIndex(r => new { r.Status, r.ResponseDueAtUtc });
        builder.HasIndex(r => r.OrganizationId);
        builder.HasIndex(r => r.AssignedToUserId);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(30);
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
        builder.HasMany<TMessage>().WithOne().HasForeignKey(m => m.RequestId).OnDelete(DeleteBehavior.Cascade);
    }

    public static void ConfigureRequestMessage<TMessage>(this EntityTypeBuilder<TMessage> builder) where TMessage : RequestMessage
    {
        builder.Property(m => m.AuthorName).HasMaxLength(256);
        builder.Property(m => m.Text).HasMaxLength(BaaRules.TextMaxLength);
        builder.HasIndex(m => new { m.RequestId, m.CreatedAtUtc });
    }

    public static void ConfigureRequestNote<TNote>(this EntityTypeBuilder<TNote> builder) where TNote : RequestNote
    {
        builder.Property(n => n.AuthorName).HasMaxLength(256);
        builder.Property(n => n.Text).HasMaxLength(BaaRules.TextMaxLength);
        builder.HasIndex(n => new { n.RequestId, n.CreatedAtUtc });
    }
}
