using System.Diagnostics;
using TrustPortal.Benchmarks;
using TrustPortal.Documents;
using static TrustPortal.Tests.Documents.DocumentTestData;

namespace TrustPortal.Tests.Documents;

/// <summary>The seal checked twice: by poppler's pdfsig, as a recipient would, and by our own verifier.</summary>
public sealed class PdfSealVerifierTests : IDisposable
{
    private static readonly Lazy<(byte[] Pdf, string Thumbprint)> Sealed = new(() =>
    {
        using var certificate = SelfSigned();
        return (AgreementRenderer.RenderAndSeal(SampleAgreement.Build(), certificate, Details), certificate.Thumbprint);
    });

    private readonly string folder = Directory.CreateTempSubdirectory("trustportal-verify-").FullName;

    [Fact]
    public void RenderAndSeal_SampleAgreement_PdfsigValidatesTheWholeDocument()
    {
        var report = Pdfsig(Sealed.Value.Pdf);

        Assert.Contains("Signature is Valid", report, StringComparison.Ordinal);
        Assert.Contains("Total document signed", report, StringComparison.Ordinal);
        Assert.DoesNotContain("Not total document signed", report, StringComparison.Ordinal);
        Assert.Contains("SHA-256", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SealedAgreement_IsValidAndNamesTheSealingCertificate()
    {
        var check = PdfSealVerifier.Check(Sealed.Value.Pdf);

        Assert.True(check.Valid, check.Reason);
        Assert.Null(check.Reason);
        Assert.Equal(Sealed.Value.Thumbprint, check.Signer?.Thumbprint);
    }

    [Fact]
    public void Check_NotAPdf_IsRefused() =>
        AssertRefused("This is a plain text file, not a PDF."u8.ToArray(), PdfSealVerifier.NotPdf);

    [Fact]
    public void Check_EmptyInput_IsRefused() => AssertRefused([], PdfSealVerifier.Empty);

    [Fact]
    public void Check_UnsealedPdf_IsRefused() => AssertRefused(RenderBytes(SampleAgreement.Build()), PdfSealVerifier.NoSeal);

    [Fact]
    public void Check_OneChangedByteInTheSignedContent_IsRefused()
    {
        var pdf = Sealed.Value.Pdf.ToArray();
        // A byte in the first signed range, well before the signature dictionary: page content, not the seal itself.
        pdf[pdf.Length / 10] ^= 0x01;

        AssertRefused(pdf, PdfSealVerifier.Mismatch);
        Assert.Contains("Signature is Invalid", Pdfsig(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BytesAppended_IsRefused()
    {
        var pdf = Sealed.Value.Pdf.Concat("\n% appended after sealing\n"u8.ToArray()).ToArray();

        AssertRefused(pdf, PdfSealVerifier.Appended);
    }

    [Fact]
    public void Check_TruncatedFile_IsRefused()
    {
        var pdf = Sealed.Value.Pdf[..^100];

        AssertRefused(pdf, PdfSealVerifier.Incomplete);
    }

    [Fact]
    public void Check_TruncatedBeforeTheSeal_SaysThereIsNoSeal()
    {
        var pdf = Sealed.Value.Pdf[..1000];

        Assert.False(PdfSealVerifier.Check(pdf).Valid);
    }

    [Fact]
    public void Check_DamagedSignatureBytes_IsRefusedWithoutThrowing()
    {
        var pdf = Sealed.Value.Pdf.ToArray();
        var contents = IndexOf(pdf, "/Contents <"u8);
        // Flip hex digits inside the PKCS#7 structure (still valid hex, no longer a valid signature).
        for (var i = contents + 40; i < contents + 60; i++)
        {
            pdf[i] = pdf[i] == (byte)'0' ? (byte)'1' : (byte)'0';
        }

        var check = PdfSealVerifier.Check(pdf);

        Assert.False(check.Valid);
        Assert.NotNull(check.Reason);
    }

    [Fact]
    public void Check_ChangedPaddingAfterTheSignature_IsRefused()
    {
        var pdf = Sealed.Value.Pdf.ToArray();
        var end = IndexOf(pdf, "0>/ByteRange"u8);
        pdf[end] = (byte)'7';

        AssertRefused(pdf, PdfSealVerifier.Damaged);
    }

    [Fact]
    public void Check_RandomGarbageAfterPdfHeader_NeverThrows()
    {
        var random = new Random(42);
        for (var n = 0; n < 200; n++)
        {
            var bytes = new byte[random.Next(0, 400)];
            random.NextBytes(bytes);
            var pdf = "%PDF-1.7\n/ByteRange [0 "u8.ToArray().Concat(bytes).ToArray();

            var check = PdfSealVerifier.Check(pdf);

            Assert.False(check.Valid);
            Assert.False(string.IsNullOrWhiteSpace(check.Reason));
        }
    }

    [Fact]
    public void Check_RandomDamageToASealedFile_NeverThrowsAndIsRefusedOutsideTheSignature()
    {
        var random = new Random(7);
        var original = Sealed.Value.Pdf;
        var gapStart = IndexOf(original, "/Contents <"u8) + "/Contents ".Length;
        var gapEnd = IndexOf(original, ">/ByteRange"u8) + 1;
        for (var n = 0; n < 300; n++)
        {
            var pdf = original.ToArray();
            // Half the hits land in the signature itself, where decoding is most fragile.
            var at = n % 2 == 0 ? random.Next(gapStart, gapEnd) : random.Next(pdf.Length);
            var old = pdf[at];
            pdf[at] = (byte)(n % 3 == 0 ? "0123456789ABCDEF"[random.Next(16)] : random.Next(256));
            var truncated = n % 5 == 0;

            var check = PdfSealVerifier.Check(truncated ? pdf.AsSpan(0, random.Next(pdf.Length)) : pdf);

            // Inside the signature, CMS leaves some bytes unprotected (the unsigned signing time, the certificate's
            // own signature): those may still verify. Everywhere else any change must be refused.
            var mustRefuse = truncated || (at < gapStart || at >= gapEnd) && pdf[at] != old;
            Assert.True(!mustRefuse || !check.Valid, $"Byte {at} changed from {old} to {pdf[at]}.");
            Assert.True(check.Valid || !string.IsNullOrWhiteSpace(check.Reason));
        }
    }

    private static void AssertRefused(byte[] pdf, string reason)
    {
        var check = PdfSealVerifier.Check(pdf);

        Assert.False(check.Valid);
        Assert.Equal(reason, check.Reason);
        Assert.Null(check.Signer);
    }

    private static int IndexOf(byte[] pdf, ReadOnlySpan<byte> value) => pdf.AsSpan().LastIndexOf(value);

    private string Pdfsig(byte[] pdf)
    {
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        using var process = Process.Start(new ProcessStartInfo("pdfsig", [path]) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("pdfsig did not start; install poppler-utils.");
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
