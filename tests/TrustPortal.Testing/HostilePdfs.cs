using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace TrustPortal.Testing;

/// <summary>
/// Small PDFs built to hurt a parser: deep nesting (plain or inside a compressed object stream), page trees that
/// point back at themselves, and a huge number of objects. Each is otherwise well formed (a real xref table), so a
/// parser reads far enough to meet the trap.
/// </summary>
public static class HostilePdfs
{
    public static byte[] NestedArrays(int depth) => WithCatalogEntry(new string('[', depth) + new string(']', depth));

    public static byte[] NestedDictionaries(int depth) =>
        WithCatalogEntry(Repeat("<< /A ", depth) + Repeat(">> ", depth));

    /// <summary>The nesting sits in a Flate-compressed object stream, where a scan of the raw file cannot see it.</summary>
    public static byte[] NestedArraysInObjectStream(int depth)
    {
        var inner = "<< /Deep " + new string('[', depth) + new string(']', depth) + " >>";
        var header = "4 0 ";
        var body = Encoding.ASCII.GetBytes(header + inner);
        var compressed = Deflate(body);
        return Build(
            "<< /Type /Catalog /Pages 2 0 R /Extra 4 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
            null,
            new StreamObject($"<< /Type /ObjStm /N 1 /First {header.Length} /Filter /FlateDecode /Length {compressed.Length} >>", compressed));
    }

    /// <summary>The page tree's root lists itself among its kids.</summary>
    public static byte[] KidsCycle() => Build(
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>");

    /// <summary>A page whose parent chain loops, as inherited attributes are looked up.</summary>
    public static byte[] ParentCycle() => Build(
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 4 0 R >>",
        "<< /Type /Page /Parent 2 0 R >>",
        "<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >>");

    /// <summary>A valid one-page PDF followed by a great many small objects.</summary>
    public static byte[] ManyObjects(int count)
    {
        var objects = new List<object?>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
        };
        for (var i = 0; i < count; i++)
        {
            objects.Add("[1 2 3]");
        }
        return Build([.. objects]);
    }

    /// <summary>A plain one-page PDF in the same hand-built form, to show the traps, not the form, are refused.</summary>
    public static byte[] Plain() => WithCatalogEntry("[[1 2] << /B [3] >>]");

    private static byte[] WithCatalogEntry(string value) => Build(
        $"<< /Type /Catalog /Pages 2 0 R /Extra {value} >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>");

    private sealed record StreamObject(string Dictionary, byte[] Data);

    /// <summary>Objects numbered from 1; a null entry is an object that lives in an object stream (not in the xref table).</summary>
    private static byte[] Build(params object?[] objects)
    {
        using var output = new MemoryStream();
        void Write(string text) => output.Write(Encoding.ASCII.GetBytes(text));
        Write("%PDF-1.7\n");
        var offsets = new long[objects.Length];
        for (var i = 0; i < objects.Length; i++)
        {
            offsets[i] = output.Position;
            switch (objects[i])
            {
                case string text:
                    Write($"{i + 1} 0 obj\n{text}\nendobj\n");
                    break;
                case StreamObject stream:
                    Write($"{i + 1} 0 obj\n{stream.Dictionary}\nstream\n");
                    output.Write(stream.Data);
                    Write("\nendstream\nendobj\n");
                    break;
                default:
                    offsets[i] = -1;
                    break;
            }
        }
        var xref = output.Position;
        var table = new StringBuilder($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            table.Append(offset < 0 ? "0000000000 65535 f \n" : string.Create(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n"));
        }
        Write(table.ToString());
        Write($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return output.ToArray();
    }

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }
        return output.ToArray();
    }
}
