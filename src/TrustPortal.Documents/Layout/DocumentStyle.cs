using PdfSharp.Drawing;

namespace TrustPortal.Documents.Layout;

/// <summary>
/// The look of every document: A4 geometry, type scale and colors. Fonts are created once per process and shared,
/// since creating an XFont resolves and parses the face.
/// </summary>
internal static class DocumentStyle
{
    public const double PageWidth = 595.28;
    public const double PageHeight = 841.89;
    public const double Left = 64;
    public const double Right = PageWidth - 64;
    public const double Top = 80;
    public const double Bottom = PageHeight - 72;
    public const double Width = Right - Left;

    public const double HeaderTop = 40;
    public const double HeaderRule = 56;
    public const double FooterTop = PageHeight - 48;

    public static readonly TextFont Title = new(XFontStyleEx.Bold, 20, 26);
    public static readonly TextFont PageTitle = new(XFontStyleEx.Bold, 15, 20);
    public static readonly TextFont Heading = new(XFontStyleEx.Bold, 11, 16);
    public static readonly TextFont Subheading = new(XFontStyleEx.Bold, 10, 14.5);
    public static readonly TextFont Body = new(XFontStyleEx.Regular, 10, 14.5);
    public static readonly TextFont Table = new(XFontStyleEx.Regular, 8.5, 11.5);
    public static readonly TextFont TableBold = new(XFontStyleEx.Bold, 8.5, 11.5);
    public static readonly TextFont Label = new(XFontStyleEx.Bold, 7.5, 11);
    public static readonly TextFont Small = new(XFontStyleEx.Regular, 8, 11);
    public static readonly TextFont Note = new(XFontStyleEx.Italic, 8.5, 12);
    public static readonly TextFont Signature = new(XFontStyleEx.Italic, 20, 28);

    public static XColor Color(Ink ink) => ink switch
    {
        Ink.Heading => XColor.FromArgb(0x11, 0x18, 0x27),
        Ink.Muted => XColor.FromArgb(0x5B, 0x61, 0x6B),
        Ink.Rule => XColor.FromArgb(0x9C, 0xA3, 0xAF),
        Ink.Shade => XColor.FromArgb(0xEE, 0xF0, 0xF3),
        _ => XColor.FromArgb(0x1A, 0x1A, 0x1A),
    };
}
