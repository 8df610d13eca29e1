using System.Security.Cryptography.X509Certificates;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Signatures;

namespace TrustPortal.Documents;

/// <summary>What the seal says about itself, shown by PDF readers in the signature panel.</summary>
public sealed record SealDetails(string Reason, string Location, string ContactInfo);

/// <summary>
/// Seals a finished document with the vendor's certificate: a detached PKCS#7 signature (SHA-256) over the whole
/// file. PDFsharp writes one signature per save and no incremental update, so a document is sealed once, last.
/// </summary>
public static class DocumentSealer
{
    public static byte[] Seal(PdfDocument document, X509Certificate2 certificate, SealDetails details)
    {
        Prepare(document, certificate, details, new SealSigner(certificate));
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    /// <summary>
    /// Seals with an RFC 3161 time-stamp from <paramref name="timestamper"/> (none when it is null). Throws
    /// <see cref="SealTimestampException"/> when a required time-stamp could not be had; then there is no sealed file.
    /// </summary>
    public static async Task<byte[]> SealAsync(PdfDocument document, X509Certificate2 certificate, SealDetails details, ISealTimestamper? timestamper,
        CancellationToken cancellationToken = default)
    {
        Prepare(document, certificate, details, new SealSigner(certificate, timestamper, cancellationToken));
        using var output = new MemoryStream();
        await document.SaveAsync(output).ConfigureAwait(false);
        return output.ToArray();
    }

    private static void Prepare(PdfDocument document, X509Certificate2 certificate, SealDetails details, SealSigner signer)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException("The sealing certificate has no private key.", nameof(certificate));
        }
        DocumentFonts.EnsureInstalled();
        var options = new DigitalSignatureOptions
        {
            Reason = details.Reason,
            Location = details.Location,
            ContactInfo = details.ContactInfo,
            AppName = "TrustPortal",
            // An invisible seal: the certificate page states it in words instead.
            Rectangle = new XRect(0, 0, 0, 0),
            AppearanceHandler = new InvisibleSealAppearance(),
            PageIndex = document.PageCount - 1,
        };
        DigitalSignatureHandler.ForDocument(document, signer, options);
    }
}
