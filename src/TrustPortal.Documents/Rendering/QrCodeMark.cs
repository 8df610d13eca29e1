using QRCoder;
using TrustPortal.Documents.Layout;

namespace TrustPortal.Documents.Rendering;

/// <summary>
/// A QR code drawn as vector shapes: one filled path of the dark modules, merged into runs along each row. Sharp at
/// any zoom or printer resolution, a few kilobytes, and no image to encode or decode.
/// </summary>
internal static class QrCodeMark
{
    /// <summary>
    /// The code for <paramref name="text"/>, its outer edge (quiet zone included) a square of <paramref name="size"/>
    /// points at (<paramref name="x"/>, <paramref name="y"/>). Error correction level M survives a crease or a smudge.
    /// </summary>
    public static ShapeFill Draw(string text, double x, double y, double size)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        // QRCoder pads the matrix with the quiet zone already; the size covers it, so the white margin is reserved too.
        var padded = matrix.Count;
        var module = size / padded;
        var boxes = new List<ShadeBox>();
        for (var row = 0; row < padded; row++)
        {
            var bits = matrix[row];
            var column = 0;
            while (column < padded)
            {
                if (!bits[column])
                {
                    column++;
                    continue;
                }
                var start = column;
                while (column < padded && bits[column])
                {
                    column++;
                }
                boxes.Add(new ShadeBox(x + start * module, y + row * module, (column - start) * module, module, Ink.Heading));
            }
        }
        return new ShapeFill(boxes, Ink.Heading);
    }
}
