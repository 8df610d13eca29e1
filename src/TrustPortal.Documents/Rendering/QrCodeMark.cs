using QRCoder;
using TrustPortal.Documents.Layout;

namespace TrustPortal.Documents.Rendering;

/// <summary>
/// A QR code drawn as vector shapes: one filled path of the dark modules, merged into runs along each row. Sharp at
/// any zoom or printer resolution, a few kilobytes, and no image to encode or decode.
/// </summary>
internal static class QrCodeMark
{
    /// <summary>The blank margin, in modules, that the QR specification asks for around the symbol.</summary>
    public const int QuietZone = 4;

    /// <summary>
    /// The code for <paramref name="text"/>: the symbol itself a square of <paramref name="size"/> points at
    /// (<paramref name="x"/>, <paramref name="y"/>); the caller keeps <see cref="QuietZone"/> modules around it blank.
    /// Error correction level M survives a crease or a smudge.
    /// </summary>
    public static ShapeFill Draw(string text, double x, double y, double size)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        // QRCoder's matrix includes the quiet zone; only the symbol inside it is drawn.
        var padded = matrix.Count;
        var module = size / (padded - 2 * QuietZone);
        var boxes = new List<ShadeBox>();
        for (var row = QuietZone; row < padded - QuietZone; row++)
        {
            var bits = matrix[row];
            var column = QuietZone;
            while (column < padded - QuietZone)
            {
                if (!bits[column])
                {
                    column++;
                    continue;
                }
                var start = column;
                while (column < padded - QuietZone && bits[column])
                {
                    column++;
                }
                boxes.Add(new ShadeBox(x + (start - QuietZone) * module, y + (row - QuietZone) * module, (column - start) * module, module, Ink.Heading));
            }
        }
        return new ShapeFill(boxes, Ink.Heading);
    }
}
