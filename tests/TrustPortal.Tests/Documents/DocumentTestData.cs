using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PdfSharp.Pdf;
using TrustPortal.Documents;

namespace TrustPortal.Tests.Documents;

/// <summary>Certificates and small helpers shared by the document tests.</summary>
internal static class DocumentTestData
{
    public static readonly SealDetails Details = new("Data Processing Addendum executed", "San Francisco", "privacy@meridian-ai.example");

    public static X509Certificate2 SelfSigned(string name = "TrustPortal test seal")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
        // Re-load through PKCS#12 so the private key is usable for signing on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx, "t"), "t");
    }

    /// <summary>The unsealed rendering, saved.</summary>
    public static byte[] RenderBytes(AgreementContent content)
    {
        using var document = AgreementRenderer.Render(content);
        return Save(document);
    }

    public static byte[] Save(PdfDocument document)
    {
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }
}
