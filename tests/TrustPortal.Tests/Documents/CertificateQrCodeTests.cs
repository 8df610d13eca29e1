using TrustPortal.Benchmarks;
using TrustPortal.Documents;
using TrustPortal.Testing;
using static TrustPortal.Tests.Documents.DocumentTestData;

namespace TrustPortal.Tests.Documents;

/// <summary>The certificate page's QR code and status address, for readers of a paper copy.</summary>
public sealed class CertificateQrCodeTests
{
    [Fact]
    public void Render_WithAStatusUrl_PrintsItOnOneLineAndAsAQrCodeThatReadsBack()
    {
        var pdf = RenderBytes(SampleAgreement.Build());

        var pages = PdfPages.Read(pdf);
        Assert.Contains(SampleAgreement.StatusUrl, pages.All[^1].Split(' '));
        Assert.Equal(SampleAgreement.StatusUrl, PdfRaster.ReadQrCode(pdf, pages.Count));
    }

    [Fact]
    public void Render_WithoutAStatusUrl_PrintsNoQrCode()
    {
        var content = SampleAgreement.Build();
        var pdf = RenderBytes(content with { Certificate = content.Certificate with { StatusUrl = null } });

        Assert.Null(PdfRaster.ReadQrCode(pdf, PdfPages.Read(pdf).Count));
    }

    [Fact]
    public void RenderAndSeal_WithAStatusUrl_StaysSmallAndValidlySealed()
    {
        var content = SampleAgreement.Build();
        using var certificate = SelfSigned();
        var without = AgreementRenderer.RenderAndSeal(content with { Certificate = content.Certificate with { StatusUrl = null } }, certificate, Details);

        var with = AgreementRenderer.RenderAndSeal(content, certificate, Details);

        Assert.True(PdfTools.IsValidlySealed(with), PdfTools.Pdfsig(with));
        // Vector modules, not an image: a few kilobytes (the sample's certificate also runs onto one more page).
        Assert.InRange(with.Length - without.Length, 1, 8192);
    }
}
