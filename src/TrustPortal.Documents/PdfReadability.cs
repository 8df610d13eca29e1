namespace TrustPortal.Documents;

/// <summary>Whether bytes that start like a PDF are one a PDF library can open, for telling "unsealed" from "corrupt".</summary>
public static class PdfReadability
{
    public static bool CanOpen(byte[] pdf)
    {
        try
        {
            using var stream = new MemoryStream(pdf, writable: false);
            using var document = PdfSharp.Pdf.IO.PdfReader.Open(stream, PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
            return document.PageCount > 0;
        }
#pragma warning disable CA1031 // Any failure to parse means the same thing here: not a readable PDF.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }
}
