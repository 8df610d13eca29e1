using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Data;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Features.Agreements;

/// <summary>
/// The vendor's sealing certificate, loaded once. With no PFX configured the portal uses one self-signed certificate
/// kept in the database (<see cref="StoredSealCertificate"/>), created by whichever instance needs it first, so every
/// instance seals with the same one; a single-instance installation's older file in the data folder is adopted as that
/// certificate. It says so in the log (and on the templates page): fine for a trial, not for customers.
/// </summary>
public sealed class SealCertificate : IDisposable
{
    public const string SelfSignedFileName = "seal-self-signed.pfx";
    private readonly Lazy<X509Certificate2> certificate;

    public SealCertificate(IOptions<AgreementOptions> options, IOptions<VendorOptions> vendor, DataDirectory data,
        IDbContextFactory<AppDbContext> dbFactory, ILogger<SealCertificate> logger)
    {
        var seal = options.Value.Seal;
        IsSelfSigned = string.IsNullOrWhiteSpace(seal.CertificatePath);
        certificate = new Lazy<X509Certificate2>(() => IsSelfSigned
            ? LoadOrCreateSelfSigned(dbFactory, data.Resolve(SelfSignedFileName), vendor.Value.LegalName, logger)
            : LoadConfigured(data.Resolve(seal.CertificatePath), seal.CertificatePassword, logger));
    }

    public bool IsSelfSigned { get; }

    public X509Certificate2 Certificate => certificate.Value;

    private static X509Certificate2 LoadConfigured(string path, string password, ILogger logger)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Agreements:Seal:CertificatePath points to '{path}', which does not exist.");
        }
        var loaded = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        if (!loaded.HasPrivateKey)
        {
            throw new InvalidOperationException($"The sealing certificate '{path}' has no private key.");
        }
        logger.LogInformation("Sealing agreements with {Subject} (valid until {NotAfter:yyyy-MM-dd}).", loaded.Subject, loaded.NotAfter);
        return loaded;
    }

    private static X509Certificate2 LoadOrCreateSelfSigned(IDbContextFactory<AppDbContext> dbFactory, string legacyFile, string vendorName, ILogger logger)
    {
        using var db = dbFactory.CreateDbContext();
        var stored = db.SealCertificates.AsNoTracking().SingleOrDefault(c => c.Name == StoredSealCertificate.SelfSigned);
        if (stored is null)
        {
            var pfx = File.Exists(legacyFile) ? File.ReadAllBytes(legacyFile) : CreateSelfSigned(vendorName);
            db.SealCertificates.Add(new StoredSealCertificate { Name = StoredSealCertificate.SelfSigned, Pfx = pfx, CreatedAtUtc = DateTime.UtcNow });
            try
            {
                db.SaveChanges();
            }
            catch (DbUpdateException ex)
            {
                // Another instance stored its certificate first: everyone uses that one.
                logger.LogInformation(ex, "Another instance stored the self-signed sealing certificate first; using that one.");
            }
            using var fresh = dbFactory.CreateDbContext();
            stored = fresh.SealCertificates.AsNoTracking().Single(c => c.Name == StoredSealCertificate.SelfSigned);
        }
        var loaded = X509CertificateLoader.LoadPkcs12(stored.Pfx, password: null, X509KeyStorageFlags.EphemeralKeySet);
        logger.LogWarning("No sealing certificate is configured (Agreements:Seal:CertificatePath): agreements are sealed with the self-signed certificate kept in the database ({Subject}). Configure the vendor's certificate before executing real agreements.", loaded.Subject);
        return loaded;
    }

    private static byte[] CreateSelfSigned(string vendorName)
    {
        using var key = RSA.Create(3072);
        var subject = new X500DistinguishedName($"CN={Sanitize(vendorName)} document seal (self-signed), O={Sanitize(vendorName)}");
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(10));
        return created.Export(X509ContentType.Pfx);
    }

    private static string Sanitize(string name) => new(name.Where(c => char.IsLetterOrDigit(c) || c is ' ' or '.' or '-').ToArray());

    public void Dispose()
    {
        if (certificate.IsValueCreated)
        {
            certificate.Value.Dispose();
        }
    }
}

/// <summary>The self-signed sealing certificate (PFX with its private key) shared by every instance.</summary>
public class StoredSealCertificate
{
    public const string SelfSigned = "self-signed";

    public string Name { get; set; } = "";
    public byte[] Pfx { get; set; } = [];
    public DateTime CreatedAtUtc { get; set; }
}

public sealed class StoredSealCertificateConfiguration : IEntityTypeConfiguration<StoredSealCertificate>
{
    public void Configure(EntityTypeBuilder<StoredSealCertificate> builder)
    {
        builder.HasKey(c => c.Name);
        builder.Property(c => c.Name).HasMaxLength(50);
    }
}
