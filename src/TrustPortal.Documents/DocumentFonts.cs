using PdfSharp.Fonts;

namespace TrustPortal.Documents;

/// <summary>
/// Resolves every font family to the DejaVu Sans faces shipped inside this assembly. PDFsharp finds no system fonts on
/// Linux, and its default signature appearance asks for "Verdana", so one resolver answers for all families.
/// </summary>
public sealed class DocumentFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private static readonly Lock Gate = new();

    /// <summary>Installs the resolver once per process; PDFsharp refuses a second, different one.</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not DocumentFonts)
            {
                GlobalFontSettings.FontResolver = new DocumentFonts();
            }
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new((bold, italic) switch
        {
            (true, true) => "DejaVuSans-BoldOblique",
            (true, false) => "DejaVuSans-Bold",
            (false, true) => "DejaVuSans-Oblique",
            _ => "DejaVuSans",
        });

    public byte[] GetFont(string faceName)
    {
        using var stream = typeof(DocumentFonts).Assembly.GetManifestResourceStream($"fonts.{faceName}.ttf")
            ?? throw new InvalidOperationException($"Font face '{faceName}' is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
