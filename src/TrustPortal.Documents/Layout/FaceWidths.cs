using System.Collections.Concurrent;
using PdfSharp.Drawing;

namespace TrustPortal.Documents.Layout;

/// <summary>
/// Advance widths (in ems) of one font face, measured once per character per process and shared by every render.
/// PDFsharp's MeasureString sums glyph advances without kerning, so a run's width is the sum of its characters':
/// wrapping then costs a table look-up per character instead of a MeasureString call (and a string) per word.
/// </summary>
internal sealed class FaceWidths
{
    private const double ProbeSize = 1000;
    private static readonly Lock Gate = new();
    private static readonly FaceWidths[] Faces = new FaceWidths[4];
    private static XGraphics? measureContext;

    private readonly XFont probe;
    // 256 blocks of 256 characters, allocated when a character of the block is first seen; NaN means "not measured".
    private readonly double[]?[] blocks = new double[]?[256];
    private readonly ConcurrentDictionary<int, double> astral = new();

    private FaceWidths(XFontStyleEx style) => probe = new XFont(DocumentFonts.Family, ProbeSize, style);

    /// <summary>The shared table for Regular, Bold, Italic (oblique) or BoldItalic.</summary>
    public static FaceWidths For(XFontStyleEx style)
    {
        var index = (int)(style & XFontStyleEx.BoldItalic);
        var face = Volatile.Read(ref Faces[index]);
        if (face is not null)
        {
            return face;
        }
        lock (Gate)
        {
            DocumentFonts.EnsureInstalled();
            return Faces[index] ??= new FaceWidths(style & XFontStyleEx.BoldItalic);
        }
    }

    /// <summary>Width of the run in ems (multiply by the font size for points).</summary>
    public double Measure(ReadOnlySpan<char> text)
    {
        var sum = 0.0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sum += Astral(char.ConvertToUtf32(c, text[i + 1]));
                i++;
                continue;
            }
            var block = Volatile.Read(ref blocks[c >> 8]) ?? NewBlock(c >> 8);
            var width = block[c & 0xFF];
            sum += double.IsNaN(width) ? MeasureInto(block, c) : width;
        }
        return sum;
    }

    private double[] NewBlock(int index)
    {
        lock (Gate)
        {
            if (blocks[index] is { } existing)
            {
                return existing;
            }
            var block = new double[256];
            Array.Fill(block, double.NaN);
            Volatile.Write(ref blocks[index], block);
            return block;
        }
    }

    private double MeasureInto(double[] block, char c)
    {
        var width = Probe(c.ToString());
        // A double store is atomic; racing threads measure the same value.
        block[c & 0xFF] = width;
        return width;
    }

    private double Astral(int codePoint) => astral.GetOrAdd(codePoint, static (cp, self) => self.Probe(char.ConvertFromUtf32(cp)), this);

    private double Probe(string text)
    {
        lock (Gate)
        {
            measureContext ??= XGraphics.CreateMeasureContext(new XSize(595, 842), XGraphicsUnit.Point, XPageDirection.Downwards);
            return measureContext.MeasureString(text, probe).Width / ProbeSize;
        }
    }
}
