using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Features.Agreements;

/// <summary>
/// The vendor's sealing certificate, loaded once. With no PFX configured the portal creates a self-signed one in the
/// data folder on first use and says so in the log (and on the templates page): fine for a trial, not for customers.
/// </summary>
public sealed class SealCertificate : IDisposable
{
    public const string SelfSignedFileName = "seal-self-signed.pfx";
    private readonly Lazy<X509Certificate2> certificate;

    public SealCertificate(IOptions<AgreementOptions> options, IOptions<VendorOptions> vendor, DataDirectory data, ILogger<SealCertificate> logger)
    {
        var seal = options.Value.Seal;
        IsSelfSigned = string.IsNullOrWhiteSpace(seal.CertificatePath);
        certificate = new Lazy<X509Certificate2>(() => IsSelfSigned
            ? LoadOrCreateSelfSigned(data.Resolve(SelfSignedFileName), vendor.Value.LegalName, logger)
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

    private static X509Certificate2 LoadOrCreateSelfSigned(string path, string vendorName, ILogger logger)
    {
        if (!File.Exists(path))
        {
            using var key = RSA.Create(3072);
            var subject = new X500DistinguishedName($"CN={Sanitize(vendorName)} document seal (self-signed), O={Sanitize(vendorName)}");
            var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(10));
            var temporary = path + ".tmp";
            File.WriteAllBytes(temporary, created.Export(X509ContentType.Pfx));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            // A second process racing us keeps whichever file landed first; both then load the same certificate.
            try { File.Move(temporary, path, overwrite: false); } catch (IOException) { File.Delete(temporary); }
        }
        var loaded = X509CertificateLoader.LoadPkcs12FromFile(path, password: null, X509KeyStorageFlags.EphemeralKeySet);
        logger.LogWarning("No sealing certificate is configured (Agreements:Seal:CertificatePath): agreements are sealed with the self-signed certificate {Path}. Configure the vendor's certificate before executing real agreements.", path);
        return loaded;
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
