using PdfSharp;
using PdfSharp.Drawing;
using TrustPortal.Benchmarks;
using TrustPortal.Documents;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using PageSize = PdfSharp.PageSize;
using static TrustPortal.Tests.Documents.DocumentTestData;

namespace TrustPortal.Tests.Documents;

/// <summary>Watermarks read back with PdfPig: the reader's details must be on every page, whatever the page size.</summary>
public sealed class ReportWatermarkTests
{
    private const string Footer = "Confidential — provided to Casey Customer, Acme Corporation, customer@acme.example on 2026-11-29 07:00 UTC under NDA v1";
    private static readonly string[] Lines = ["CONFIDENTIAL", "Casey Customer", "Acme Corporation", "customer@acme.example", "2026-11-29 07:00 UTC · NDA v1"];

    [Fact]
    public void Apply_MultiPagePdfOfMixedSizes_PutsTheFooterAndDiagonalLinesOnEveryPage()
    {
        var original = MixedPages(("A4", PageSize.A4, PageOrientation.Portrait), ("Letter landscape", PageSize.Letter, PageOrientation.Landscape),
            ("A5", PageSize.A5, PageOrientation.Portrait), ("Legal", PageSize.Legal, PageOrientation.Portrait));

        var marked = ReportWatermark.Apply(original, Lines, Footer);

        using var document = PdfDocument.Open(marked);
        Assert.Equal(4, document.NumberOfPages);
        foreach (var page in document.GetPages())
        {
            var horizontal = HorizontalText(page);
            Assert.Contains("Casey Customer, Acme Corporation,", horizontal, StringComparison.Ordinal);
            Assert.Contains("customer@acme.example", horizontal, StringComparison.Ordinal);
            Assert.Contains("2026-11-29 07:00 UTC under NDA v1", horizontal, StringComparison.Ordinal);
            var diagonal = DiagonalText(page);
            foreach (var line in Lines)
            {
                Assert.Contains(line, diagonal, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Apply_KeepsTheOriginalContentAndPageSizes()
    {
        var original = MixedPages(("First page text", PageSize.A4, PageOrientation.Portrait), ("Second page text", PageSize.Letter, PageOrientation.Landscape));

        var marked = ReportWatermark.Apply(original, Lines, Footer);

        using var before = PdfDocument.Open(original);
        using var after = PdfDocument.Open(marked);
        for (var number = 1; number <= 2; number++)
        {
            Assert.Equal(before.GetPage(number).Width, after.GetPage(number).Width, 1);
            Assert.Equal(before.GetPage(number).Height, after.GetPage(number).Height, 1);
        }
        Assert.Contains("First page text", HorizontalText(after.GetPage(1)), StringComparison.Ordinal);
        Assert.Contains("Second page text", HorizontalText(after.GetPage(2)), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_RenderedAgreement_MarksEveryPageBelowThePageNumberInsideThePage()
    {
        var original = RenderBytes(SampleAgreement.Build());

        var marked = ReportWatermark.Apply(original, Lines, Footer);

        using var document = PdfDocument.Open(marked);
        Assert.InRange(document.NumberOfPages, 8, 12);
        foreach (var page in document.GetPages())
        {
            var footerWords = page.GetWords().Where(w => w.Text.Contains("customer@acme.example", StringComparison.Ordinal)).ToList();
            var word = Assert.Single(footerWords);
            var pageNumber = page.GetWords().Single(w => w.Text == "Page");
            // PDF y grows upwards: the watermark footer sits under "Page x of n" and inside the page.
            Assert.True(word.BoundingBox.Top < pageNumber.BoundingBox.Bottom, $"page {page.Number}: footer overlaps the page number");
            Assert.True(word.BoundingBox.Bottom > 0 && word.BoundingBox.Left > 0 && word.BoundingBox.Right < page.Width, $"page {page.Number}: footer off the page");
        }
    }

    [Theory]
    [InlineData(90)]
    [InlineData(180)]
    [InlineData(270)]
    [InlineData(-90)]
    public void Apply_RotatedPage_DrawsUprightAlongTheBottomOfThePageAsViewed(int rotate)
    {
        var original = OnePage(page => page.Rotate = rotate);

        var marked = ReportWatermark.Apply(original, Lines, Footer);

        AssertFooterUprightAtTheBottom(marked);
    }

    [Fact]
    public void Apply_PageWithCropBoxAndOffsetMediaBox_DrawsInsideTheVisibleArea()
    {
        var original = OnePage(page =>
        {
            page.MediaBox = new PdfSharp.Pdf.PdfRectangle(new XRect(100, 100, 595, 842));
            page.CropBox = new PdfSharp.Pdf.PdfRectangle(new XRect(150, 160, 400, 500));
        });

        var marked = ReportWatermark.Apply(original, Lines, Footer);

        AssertFooterUprightAtTheBottom(marked);
    }

    private static byte[] OnePage(Action<PdfSharp.Pdf.PdfPage> setUp)
    {
        using var document = new PdfSharp.Pdf.PdfDocument();
        var page = document.AddPage();
        page.Size = PageSize.A4;
        setUp(page);
        return Save(document);
    }

    private static void AssertFooterUprightAtTheBottom(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var page = document.GetPage(1);
        var email = Assert.Single(page.GetWords(), w => w.Text.Contains("customer@acme.example", StringComparison.Ordinal));
        Assert.Equal(TextOrientation.Horizontal, email.TextOrientation);
        // PdfPig reports positions as viewed, from the visible area's lower-left corner.
        Assert.InRange(email.BoundingBox.Left, 0, page.Width);
        Assert.InRange(email.BoundingBox.Right, 0, page.Width);
        Assert.InRange(email.BoundingBox.Bottom, 0, 40);
        var diagonal = DiagonalText(page);
        Assert.Contains("Acme Corporation", diagonal, StringComparison.Ordinal);
        Assert.All(page.Letters, l => Assert.InRange(l.StartBaseLine.X, -1, page.Width + 1));
        Assert.All(page.Letters, l => Assert.InRange(l.StartBaseLine.Y, -1, page.Height + 1));
    }

    [Fact]
    public void Apply_LinesOnly_UsesThemJoinedAsTheFooter()
    {
        var marked = ReportWatermark.Apply(MixedPages(("x", PageSize.A4, PageOrientation.Portrait)), ["Riley Reader", "Initech LLC"]);

        using var document = PdfDocument.Open(marked);
        Assert.Contains("Riley Reader · Initech LLC", HorizontalText(document.GetPage(1)), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_LongFooter_WrapsInsideThePageInsteadOfRunningOff()
    {
        var longName = string.Join(" ", Enumerable.Repeat("Bartholomew", 20));

        var marked = ReportWatermark.Apply(MixedPages(("x", PageSize.A5, PageOrientation.Portrait)), [longName], $"Confidential — provided to {longName} end-marker");

        using var document = PdfDocument.Open(marked);
        var page = document.GetPage(1);
        Assert.Contains("end-marker", HorizontalText(page), StringComparison.Ordinal);
        Assert.All(page.Letters.Where(l => l.TextOrientation == TextOrientation.Horizontal),
            l => Assert.InRange(l.BoundingBox.Right, 0, page.Width));
    }

    [Fact]
    public void Apply_ControlCharactersInTheLines_AreDroppedNotDrawn()
    {
        var marked = ReportWatermark.Apply(MixedPages(("x", PageSize.A4, PageOrientation.Portrait)), ["Casey\u0000 Cust\u200Bomer"], "Casey\u0007 Customer\r\nAcme");

        using var document = PdfDocument.Open(marked);
        Assert.Contains("Casey Customer Acme", HorizontalText(document.GetPage(1)), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_ConcurrentCalls_EachMarksItsOwnCopy()
    {
        var original = MixedPages(("a", PageSize.A4, PageOrientation.Portrait), ("b", PageSize.A4, PageOrientation.Portrait));

        var results = new byte[16][];
        Parallel.For(0, results.Length, i => results[i] = ReportWatermark.Apply(original, [$"Reader {i:00}"], $"Provided to reader-{i:00}@example.com"));

        for (var i = 0; i < results.Length; i++)
        {
            using var document = PdfDocument.Open(results[i]);
            Assert.All(document.GetPages(), page => Assert.Contains($"reader-{i:00}@example.com", HorizontalText(page), StringComparison.Ordinal));
        }
    }

    public static TheoryData<byte[]> NotPdfs => new()
    {
        Array.Empty<byte>(),
        "hello, this is a text file"u8.ToArray(),
        "<html><body>%PDF-</body></html>"u8.ToArray().Concat(new byte[2048]).ToArray().Reverse().ToArray(),
        "%PDF-1.7\n% truncated right after the header"u8.ToArray(),
        new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00 },
    };

    [Theory]
    [MemberData(nameof(NotPdfs))]
    public void Apply_NotAPdf_IsRefusedWithAClearMessage(byte[] input)
    {
        var exception = Assert.Throws<ArgumentException>(() => ReportWatermark.Apply(input, Lines, Footer));

        Assert.Equal("pdf", exception.ParamName);
        Assert.Contains("PDF", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_NoWatermarkText_IsRefused()
    {
        var original = MixedPages(("x", PageSize.A4, PageOrientation.Portrait));

        Assert.Throws<ArgumentException>(() => ReportWatermark.Apply(original, ["  ", "\u0000"], Footer));
        Assert.Throws<ArgumentException>(() => ReportWatermark.Apply(original, Lines, "   "));
        Assert.Throws<ArgumentNullException>(() => ReportWatermark.Apply(null!, Lines, Footer));
    }

    /// <summary>A PDF with one page per entry, each showing its label in the top-left corner.</summary>
    private static byte[] MixedPages(params (string Label, PageSize Size, PageOrientation Orientation)[] pages)
    {
        DocumentFonts.EnsureInstalled();
        using var document = new PdfSharp.Pdf.PdfDocument();
        var font = new XFont(DocumentFonts.Family, 12);
        foreach (var (label, size, orientation) in pages)
        {
            var page = document.AddPage();
            page.Size = size;
            page.Orientation = orientation;
            using var gfx = XGraphics.FromPdfPage(page);
            gfx.DrawString(label, font, XBrushes.Black, 40, 60);
        }
        return Save(document);
    }

    private static string HorizontalText(Page page) =>
        string.Join(" ", page.GetWords().Where(w => w.TextOrientation == TextOrientation.Horizontal).Select(w => w.Text));

    // Rotated glyphs come back as letters (spaces included) in drawing order.
    private static string DiagonalText(Page page) =>
        string.Concat(page.Letters.Where(l => l.TextOrientation != TextOrientation.Horizontal).Select(l => l.Value));
}
