using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using TrustPortal.Documents;

namespace TrustPortal.Tests.Documents;

/// <summary>Checks sealed PDFs with poppler's pdfsig, the same way a recipient's tools would.</summary>
public sealed class DocumentSealerTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("trustportal-seal-").FullName;

    [Fact]
    public void Seal_ProducesASignatureThatPdfsigValidatesOverTheWholeFile()
    {
        var pdf = SealSample("Acme Corporation <script>alert(1)</script>");

        var report = Pdfsig(Write("sealed.pdf", pdf));

        Assert.Contains("Signature is Valid", report, StringComparison.Ordinal);
        Assert.Contains("Total document signed", report, StringComparison.Ordinal);
        Assert.Contains("SHA-256", report, StringComparison.Ordinal);
        Assert.Contains("Acme Corporation <script>alert(1)</script>", PdfToText(Write("text.pdf", pdf)), StringComparison.Ordinal);
    }

    [Fact]
    public void Seal_OneChangedByte_MakesTheSignatureInvalid()
    {
        var pdf = SealSample("Globex Inc.");
        var index = Array.IndexOf(pdf, (byte)'G', pdf.Length / 4);
        pdf[index] ^= 0x01;

        Assert.Contains("Signature is Invalid", Pdfsig(Write("tampered.pdf", pdf)), StringComparison.Ordinal);
    }

    [Fact]
    public void Seal_BytesAppended_IsNoLongerTheTotalDocument()
    {
        var pdf = SealSample("Initech LLC").Concat("\n% appended\n"u8.ToArray()).ToArray();

        Assert.Contains("Not total document signed", Pdfsig(Write("appended.pdf", pdf)), StringComparison.Ordinal);
    }

    [Fact]
    public void Seal_WithoutPrivateKey_IsRefused()
    {
        using var withKey = SelfSigned();
        using var publicOnly = X509CertificateLoader.LoadCertificate(withKey.Export(X509ContentType.Cert));

        Assert.Throws<ArgumentException>(() => DocumentSealer.Seal(Sample("x"), publicOnly, Details));
    }

    private static readonly SealDetails Details = new("Executed agreement", "San Francisco", "privacy@meridian-ai.example");

    private static byte[] SealSample(string text)
    {
        using var certificate = SelfSigned();
        return DocumentSealer.Seal(Sample(text), certificate, Details);
    }

    private static PdfDocument Sample(string text)
    {
        DocumentFonts.EnsureInstalled();
        var document = new PdfDocument();
        var page = document.AddPage();
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            gfx.DrawString(text, new XFont(DocumentFonts.Family, 12), XBrushes.Black, new XPoint(72, 100));
        }
        return document;
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=TrustPortal test seal", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
        // Re-load through PKCS#12 so the private key is usable for signing on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx, "t"), "t");
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string Pdfsig(string path) => Run("pdfsig", path);

    private static string PdfToText(string path) => Run("pdftotext", $"{path} -");

    private static string Run(string tool, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"{tool} did not start.");
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
