using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrustPortal.Web.Features.Agreements.Certificates;

public enum SealingCertificateStatus
{
    /// <summary>Seals new agreements. One at a time.</summary>
    Active,

    /// <summary>Replaced; the agreements it sealed still verify.</summary>
    Retired,
}

/// <summary>
/// A certificate that has sealed agreements here: the registry that keeps older PDFs explainable after the vendor's
/// certificate is replaced. Public facts only; the private key stays in the PFX (or <see cref="StoredSealCertificate"/>).
/// </summary>
public class SealingCertificate
{
    /// <summary>SHA-256 of the certificate (upper-case hex), the fingerprint PDF readers and the status page show.</summary>
    public string Thumbprint { get; set; } = "";
    public string Subject { get; set; } = "";
    public DateTime NotBeforeUtc { get; set; }
    public DateTime NotAfterUtc { get; set; }
    public bool SelfSigned { get; set; }
    public SealingCertificateStatus Status { get; set; }
    public DateTime AddedAtUtc { get; set; }
    public DateTime? RetiredAtUtc { get; set; }

    /// <summary>When Admins were emailed that it expires soon; set once, so the warning goes out once.</summary>
    public DateTime? ExpiryWarnedAtUtc { get; set; }

    public static string ThumbprintOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));
    }
}

public sealed class SealingCertificateConfiguration : IEntityTypeConfiguration<SealingCertificate>
{
    public void Configure(EntityTypeBuilder<SealingCertificate> builder)
    {
        builder.HasKey(c => c.Thumbprint);
        builder.Property(c => c.Thumbprint).HasMaxLength(64);
        builder.Property(c => c.Subject).HasMaxLength(1000);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(c => c.Status);
    }
}
