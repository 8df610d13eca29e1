using System.Diagnostics;
using System.Globalization;
using System.Text;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace TrustPortal.Testing;

/// <summary>Pages of a PDF as a printer would see them (poppler's pdftoppm), and the QR codes printed on them (ZXing).</summary>
public static class PdfRaster
{
    /// <summary>Page <paramref name="page"/> (1-based) as a PNG, e.g. for a screenshot.</summary>
    public static byte[] Png(byte[] pdf, int page, int dpi = 110) => Rasterize(pdf, page, dpi, "-png", ".png");

    /// <summary>
    /// The text of the QR code on page <paramref name="page"/>, or null when none is found: read from a 200 dpi grey
    /// rendering and, as a phone moves closer, from a 300 dpi one (ZXing's finder misses a whole page of text now and then).
    /// </summary>
    public static string? ReadQrCode(byte[] pdf, int page) => ReadQrCode(pdf, page, 200) ?? ReadQrCode(pdf, page, 300);

    private static string? ReadQrCode(byte[] pdf, int page, int dpi)
    {
        var pgm = Rasterize(pdf, page, dpi, "-gray", ".pgm");
        var (width, height, pixels) = ParsePgm(pgm);
        var source = new RGBLuminanceSource(pixels, width, height, RGBLuminanceSource.BitmapFormat.Gray8);
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true };
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints)?.Text;
    }

    private static byte[] Rasterize(byte[] pdf, int page, int dpi, string format, string extension)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"trustportal-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var input = Path.Combine(folder, "in.pdf");
            File.WriteAllBytes(input, pdf);
            var number = page.ToString(CultureInfo.InvariantCulture);
            using var process = Process.Start(new ProcessStartInfo("pdftoppm",
                [format, "-r", dpi.ToString(CultureInfo.InvariantCulture), "-f", number, "-l", number, "-singlefile", input, Path.Combine(folder, "out")])
            {
                RedirectStandardError = true,
            }) ?? throw new InvalidOperationException("pdftoppm did not start; install poppler-utils.");
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            var output = Path.Combine(folder, "out" + extension);
            return File.Exists(output) ? File.ReadAllBytes(output) : throw new InvalidOperationException($"pdftoppm made no page: {errors}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Binary PGM ("P5"): a text header of magic, width, height and maximum value, then one byte per pixel.
    private static (int Width, int Height, byte[] Pixels) ParsePgm(byte[] pgm)
    {
        var fields = new List<string>();
        var position = 0;
        while (fields.Count < 4)
        {
            while (char.IsWhiteSpace((char)pgm[position]))
            {
                position++;
            }
            var start = position;
            while (!char.IsWhiteSpace((char)pgm[position]))
            {
                position++;
            }
            fields.Add(Encoding.ASCII.GetString(pgm, start, position - start));
        }
        position++;
        if (fields[0] != "P5" || fields[3] != "255")
        {
            throw new InvalidOperationException($"Not an 8-bit binary PGM: {string.Join(' ', fields)}.");
        }
        var width = int.Parse(fields[1], CultureInfo.InvariantCulture);
        var height = int.Parse(fields[2], CultureInfo.InvariantCulture);
        return (width, height, pgm.AsSpan(position, width * height).ToArray());
    }
}
