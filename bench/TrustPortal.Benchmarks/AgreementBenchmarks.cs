using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using TrustPortal.Documents;

namespace TrustPortal.Benchmarks;

/// <summary>
/// Rendering and sealing the sample DPA against a floor: PDFsharp drawing the same text in the same faces, cut into
/// lines of fixed length, on the same number of pages with the same header and footer, with no measuring, wrapping or
/// seal. FloorOneFace draws everything in the regular face: cheaper, but not the same document (one embedded font).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class AgreementBenchmarks : IDisposable
{
    private static readonly SealDetails Details = new("Data Processing Addendum executed", "San Francisco", "privacy@meridian-ai.example");

    private AgreementContent content = null!;
    private X509Certificate2 certificate = null!;
    private FloorLine[][] floorPages = [];
    private Dictionary<XFontStyleEx, XFont> floorFonts = [];

    [GlobalSetup]
    public void Setup()
    {
        content = SampleAgreement.Build();
        certificate = SelfSigned();
        DocumentFonts.EnsureInstalled();
        floorFonts = new[] { XFontStyleEx.Regular, XFontStyleEx.Bold, XFontStyleEx.Italic }
            .ToDictionary(style => style, style => new XFont(DocumentFonts.Family, 10, style));
        using var rendered = AgreementRenderer.Render(content);
        floorPages = FloorText.Pages(content, rendered.PageCount);
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    [Benchmark(Baseline = true)]
    public long Floor() => DrawFloor(oneFace: false);

    [Benchmark]
    public long FloorOneFace() => DrawFloor(oneFace: true);

    private long DrawFloor(bool oneFace)
    {
        var regular = floorFonts[XFontStyleEx.Regular];
        using var document = new PdfDocument();
        var brush = new XSolidBrush(XColors.Black);
        var total = floorPages.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var p = 0; p < floorPages.Length; p++)
        {
            var page = document.AddPage();
            page.Size = PageSize.A4;
            using var gfx = XGraphics.FromPdfPage(page);
            gfx.DrawString(content.Title, regular, brush, 64, 50);
            gfx.DrawString(content.AgreementNumber, regular, brush, 450, 50);
            var lines = floorPages[p];
            for (var i = 0; i < lines.Length; i++)
            {
                gfx.DrawString(lines[i].Text, oneFace ? regular : floorFonts[lines[i].Style], brush, 64, 90 + i * 14.5);
            }
            gfx.DrawString($"Page {p + 1} of {total}", regular, brush, 270, 800);
        }
        using var output = new MemoryStream();
        document.Save(output);
        return output.Length;
    }

    [Benchmark]
    public int RenderAndSeal() => AgreementRenderer.RenderAndSeal(content, certificate, Details).Length;

    [Benchmark]
    public long RenderOnly()
    {
        using var document = AgreementRenderer.Render(content);
        using var output = new MemoryStream();
        document.Save(output);
        return output.Length;
    }

    public void Dispose()
    {
        certificate?.Dispose();
        GC.SuppressFinalize(this);
    }

    internal static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=TrustPortal benchmark seal", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
        // Re-load through PKCS#12 so the private key is usable for signing.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx, "b"), "b");
    }
}
