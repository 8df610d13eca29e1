using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrustPortal.Web.Features.Organizations;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Agreements;

public enum AgreementStatus { Executed, Superseded, Voided }

/// <summary>
/// An executed agreement: who signed what, when, and the hashes of everything it froze. Its PDF lives in
/// <see cref="AgreementDocument"/>, loaded only for download and verification.
/// </summary>
public class Agreement
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>Like DPA-2026-000123: kind, year of execution, and a number consecutive within that year.</summary>
    public string Number { get; set; } = "";
    public AgreementKind Kind { get; set; }
    public int Year { get; set; }
    public int Sequence { get; set; }
    public AgreementStatus Status { get; set; }
    public Guid OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public Guid TemplateId { get; set; }
    public AgreementTemplate? Template { get; set; }
    public int TemplateVersion { get; set; }

    public PartyDetails Customer { get; set; } = new();
    public string VendorLegalName { get; set; } = "";
    public string VendorSignatoryName { get; set; } = "";
    public string VendorSignatoryTitle { get; set; } = "";

    public string SignerName { get; set; } = "";
    public string SignerTitle { get; set; } = "";
    public string SignerEmail { get; set; } = "";
    public string? SignerUserId { get; set; }
    public string? SignerIpAddress { get; set; }
    public string? SignerUserAgent { get; set; }
    public DateTime ExecutedAtUtc { get; set; }

    /// <summary>The customer's answers that became Annex I, as JSON.</summary>
    public string DetailsJson { get; set; } = "{}";
    public string TemplateSha256 { get; set; } = "";
    public int CommitmentsVersion { get; set; }
    public string CommitmentsSha256 { get; set; } = "";
    public string SubprocessorsSha256 { get; set; } = "";
    public string? StatusReason { get; set; }
    public DateTime? StatusChangedAtUtc { get; set; }
}

/// <summary>A legal entity as it is named in an agreement.</summary>
public class PartyDetails
{
    public string LegalName { get; set; } = "";
    public string Address { get; set; } = "";
    public string Country { get; set; } = "";
    public string? CompanyNumber { get; set; }
}

/// <summary>The sealed PDF of an agreement and its SHA-256, which verification looks up.</summary>
public class AgreementDocument
{
    public Guid AgreementId { get; set; }
    public byte[] Content { get; set; } = [];
    public string Sha256 { get; set; } = "";
    public long SizeBytes { get; set; }
    public DateTime CreatedAtUtc { get; set; }

    public static AgreementDocument For(Guid agreementId, byte[] pdf, DateTime nowUtc) => new()
    {
        AgreementId = agreementId,
        Content = pdf,
        Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)),
        SizeBytes = pdf.Length,
        CreatedAtUtc = nowUtc,
    };
}

public sealed class AgreementConfiguration : IEntityTypeConfiguration<Agreement>
{
    public void Configure(EntityTypeBuilder<Agreement> builder)
    {
        builder.Property(a => a.Number).HasMaxLength(32);
        builder.HasIndex(a => a.Number).IsUnique();
        // The guard that keeps numbers unique when two processes allocate at once.
        builder.HasIndex(a => new { a.Kind, a.Year, a.Sequence }).IsUnique();
        builder.HasIndex(a => new { a.OrganizationId, a.Kind, a.Status });
        builder.HasIndex(a => a.ExecutedAtUtc);
        // The library's usual filter (kind, status, a date range) and its export order; measured in docs/BENCHMARKS.md.
        builder.HasIndex(a => new { a.Kind, a.Status, a.ExecutedAtUtc });
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.OwnsOne(a => a.Customer, party =>
        {
            party.Property(p => p.LegalName).HasMaxLength(AgreementLimits.LegalNameMaxLength);
            party.Property(p => p.Address).HasMaxLength(AgreementLimits.AddressMaxLength);
            party.Property(p => p.Country).HasMaxLength(100);
            party.Property(p => p.CompanyNumber).HasMaxLength(AgreementLimits.CompanyNumberMaxLength);
        });
        builder.Property(a => a.VendorLegalName).HasMaxLength(200);
        builder.Property(a => a.VendorSignatoryName).HasMaxLength(200);
        builder.Property(a => a.VendorSignatoryTitle).HasMaxLength(200);
        builder.Property(a => a.SignerName).HasMaxLength(AgreementLimits.PersonNameMaxLength);
        builder.Property(a => a.SignerTitle).HasMaxLength(AgreementLimits.PersonNameMaxLength);
        builder.Property(a => a.SignerEmail).HasMaxLength(256);
        builder.Property(a => a.SignerUserId).HasMaxLength(450);
        builder.Property(a => a.SignerIpAddress).HasMaxLength(64);
        builder.Property(a => a.SignerUserAgent).HasMaxLength(512);
        builder.Property(a => a.DetailsJson).HasMaxLength(64_000);
        builder.Property(a => a.TemplateSha256).HasMaxLength(64);
        builder.Property(a => a.CommitmentsSha256).HasMaxLength(64);
        builder.Property(a => a.SubprocessorsSha256).HasMaxLength(64);
        builder.Property(a => a.StatusReason).HasMaxLength(1000);
        builder.HasOne(a => a.Organization).WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Template).WithMany().HasForeignKey(a => a.TemplateId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AgreementDocument>().WithOne().HasForeignKey<AgreementDocument>(d => d.AgreementId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AgreementDocumentConfiguration : IEntityTypeConfiguration<AgreementDocument>
{
    public void Configure(EntityTypeBuilder<AgreementDocument> builder)
    {
        builder.HasKey(d => d.AgreementId);
        builder.Property(d => d.Sha256).HasMaxLength(64);
        builder.HasIndex(d => d.Sha256);
    }
}
