using System.Security.Cryptography.X509Certificates;
using PdfSharp.Pdf;
using TrustPortal.Documents.Layout;
using TrustPortal.Documents.Rendering;

namespace TrustPortal.Documents;

/// <summary>
/// Turns <see cref="AgreementContent"/> into an A4 PDF: front matter, clauses, annexes, signature page and certificate
/// of execution, with a running header and "Page x of n". Thread-safe: each call works on its own layout and document;
/// only immutable fonts and measured character widths are shared.
/// </summary>
public static class AgreementRenderer
{
    /// <summary>The unsealed document, ready to be saved or sealed.</summary>
    public static PdfDocument Render(AgreementContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var flow = new PageFlow();
        FrontMatterWriter.Write(flow, content);
        ClauseWriter.Write(flow, content.Sections);
        AnnexWriter.Write(flow, content.Annexes);
        SignaturePageWriter.Write(flow, content);
        CertificatePageWriter.Write(flow, content);
        return PagePainter.Paint(flow.Pages, content.Title, content.AgreementNumber, content.Metadata);
    }

    /// <summary>Renders and seals with the vendor's certificate; returns the final PDF bytes.</summary>
    public static byte[] RenderAndSeal(AgreementContent content, X509Certificate2 certificate, SealDetails details)
    {
        using var document = Render(content);
        return DocumentSealer.Seal(document, certificate, details);
    }

    /// <summary>Renders and seals with an RFC 3161 time-stamp from <paramref name="timestamper"/> (see <see cref="DocumentSealer.SealAsync"/>).</summary>
    public static async Task<byte[]> RenderAndSealAsync(AgreementContent content, X509Certificate2 certificate, SealDetails details, ISealTimestamper? timestamper,
        CancellationToken cancellationToken = default)
    {
        using var document = Render(content);
        return await DocumentSealer.SealAsync(document, certificate, details, timestamper, cancellationToken).ConfigureAwait(false);
    }
}
