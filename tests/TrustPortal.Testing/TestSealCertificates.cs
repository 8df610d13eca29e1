using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TrustPortal.Testing;

/// <summary>A vendor's document-sealing certificate as a PFX file, for tests that configure Agreements:Seal:CertificatePath.</summary>
public static class TestSealCertificates
{
    public const string Password = "test-seal-pfx";

    /// <summary>Writes a PFX valid from a day ago until <paramref name="notAfter"/>; returns its SHA-256 fingerprint (upper-case hex).</summary>
    public static string WritePfx(string path, string subject, DateTimeOffset notAfter)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), notAfter);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));
    }
}
