using PdfSharp.Pdf.IO;
using TrustPortal.Documents.Untrusted;

namespace TrustPortal.Documents;

/// <summary>Whether bytes that start like a PDF are one a PDF library can open, for telling "unsealed" from "corrupt".</summary>
public static class PdfReadability
{
    public static bool CanOpen(byte[] pdf) => Problem(pdf) is null;

    /// <summary>Null when the file opens and has pages; otherwise why it cannot be read.</summary>
    public static string? Problem(byte[] pdf)
    {
        var (document, error) = UntrustedPdf.TryOpen(pdf, PdfDocumentOpenMode.Import);
        using (document)
        {
            return document is null ? error : document.PageCount > 0 ? null : "The file has no pages.";
        }
    }
}
