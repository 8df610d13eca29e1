using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace TrustPortal.Documents.Untrusted;

/// <summary>
/// The one door through which bytes from outside (uploads, stored uploads) reach a PDF parser. The structure guard
/// refuses what could make the parser recurse without bound; the parse then runs on its own thread with a large stack
/// and a time limit, so even a parser bug the guard does not foresee cannot take the process down or hold a request.
/// An architecture test keeps every other file from calling <see cref="PdfReader"/>.
/// </summary>
public static class UntrustedPdf
{
    private const int ParserStackBytes = 64 * 1024 * 1024;
    public static readonly TimeSpan ParseTimeLimit = TimeSpan.FromSeconds(10);

    /// <summary>Opens the PDF, or says in one sentence why it cannot be opened.</summary>
    public static (PdfDocument? Document, string? Error) TryOpen(byte[] pdf, PdfDocumentOpenMode mode)
    {
        var verdict = PdfStructureGuard.Check(pdf);
        if (!verdict.IsSafe)
        {
            return (null, verdict.Reason);
        }
        PdfDocument? document = null;
        string? error = null;
        var parser = new Thread(() =>
        {
            try
            {
                document = PdfReader.Open(new MemoryStream(pdf, writable: false), mode);
            }
#pragma warning disable CA1031 // PDFsharp reports damage, encryption and passwords with many exception types; all mean "cannot open".
            catch (Exception)
#pragma warning restore CA1031
            {
                // The parser's own words name its internals; the caller gets a plain sentence instead.
                error = "The file's structure is damaged, or it is encrypted.";
            }
        }, ParserStackBytes)
        {
            IsBackground = true,
            Name = "Untrusted PDF parser",
        };
        parser.Start();
        if (!parser.Join(ParseTimeLimit))
        {
            return (null, "The file took too long to read.");
        }
        return document is null ? (null, error ?? "The file cannot be read.") : (document, null);
    }
}
