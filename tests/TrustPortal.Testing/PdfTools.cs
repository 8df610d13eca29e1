using System.Diagnostics;
using UglyToad.PdfPig;

namespace TrustPortal.Testing;

/// <summary>Reads PDFs the way a recipient would: text with PdfPig, the seal with poppler's pdfsig.</summary>
public static class PdfTools
{
    /// <summary>All text, pages joined by newlines, with PdfPig's word extraction (spaces between words).</summary>
    public static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    public static int PageCount(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.NumberOfPages;
    }

    /// <summary>pdfsig's report. It exits 0 whatever it finds, so callers assert on the text.</summary>
    public static string Pdfsig(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"trustportal-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdfsig", [path]) { RedirectStandardOutput = true, RedirectStandardError = true })
                ?? throw new InvalidOperationException("pdfsig did not start; install poppler-utils.");
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return output;
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static bool IsValidlySealed(byte[] pdf)
    {
        var report = Pdfsig(pdf);
        return report.Contains("Signature is Valid", StringComparison.Ordinal)
            && report.Contains("Total document signed", StringComparison.Ordinal)
            && !report.Contains("Not total document signed", StringComparison.Ordinal);
    }
}
