using TrustPortal.Documents.Layout;
using TrustPortal.Documents.Rendering;

namespace TrustPortal.Tests.Documents;

/// <summary>Word wrap and text cleaning, checked on the line strings before anything is drawn.</summary>
public sealed class TextLayoutTests
{
    private static readonly TextFont Font = DocumentStyle.Body;

    [Fact]
    public void Wrap_Paragraph_KeepsEveryLineWithinTheWidthAndEveryWordInOrder()
    {
        var text = string.Join(" ", Enumerable.Range(1, 200).Select(i => $"word{i}"));
        var lines = new List<string>();

        TextLayout.Wrap(text, Font, 200, lines);

        Assert.True(lines.Count > 5);
        Assert.All(lines, line => Assert.True(Font.Measure(line) <= 200, line));
        Assert.Equal(text, string.Join(" ", lines));
    }

    [Fact]
    public void Wrap_MeasuresLikePdfsharp()
    {
        const string Text = "Données personnelles — “quoted” Ωmega 12345";
        var gfx = PdfSharp.Drawing.XGraphics.CreateMeasureContext(new PdfSharp.Drawing.XSize(100, 100),
            PdfSharp.Drawing.XGraphicsUnit.Point, PdfSharp.Drawing.XPageDirection.Downwards);

        Assert.Equal(gfx.MeasureString(Text, Font.Font).Width, Font.Measure(Text), 6);
    }

    [Fact]
    public void Wrap_WordLongerThanTheLine_IsBrokenBetweenCharacters()
    {
        var word = new string('x', 300);
        var lines = new List<string>();

        TextLayout.Wrap(word, Font, 100, lines);

        Assert.True(lines.Count > 1);
        Assert.All(lines, line => Assert.True(Font.Measure(line) <= 100));
        Assert.Equal(word, string.Concat(lines));
    }

    [Fact]
    public void Wrap_LongEmailAddress_BreaksAtANaturalPoint()
    {
        const string Address = "katharina.vogel@northwind-health-services.example";
        var lines = new List<string>();

        TextLayout.Wrap(Address, Font, Font.Measure(Address) * 0.7, lines);

        Assert.Equal(2, lines.Count);
        Assert.Equal(Address, string.Concat(lines));
        Assert.True(lines[1][0] is '@' or '.' || lines[0][^1] is '-', $"Broke as '{lines[0]}' + '{lines[1]}'.");
    }

    [Fact]
    public void Wrap_Newlines_StartNewLinesAndKeepBlankOnes()
    {
        var lines = new List<string>();

        TextLayout.Wrap("one\n\ntwo", Font, 400, lines);

        Assert.Equal(["one", "", "two"], lines);
    }

    [Fact]
    public void Fit_TooLongLine_EndsWithAnEllipsisWithinTheWidth()
    {
        var fitted = TextLayout.Fit(string.Join(" ", Enumerable.Repeat("Data Processing Addendum", 10)), Font, 150);

        Assert.EndsWith("…", fitted, StringComparison.Ordinal);
        Assert.True(Font.Measure(fitted) <= 150);
    }

    [Theory]
    [InlineData("a\r\nb\rc", "a\nb\nc")]
    [InlineData("tab\there", "tab here")]
    [InlineData("bell\u0007 nul\0 esc\u001B", "bell nul esc")]
    [InlineData("rtl\u202Eoverride zero\u200Bwidth", "rtloverride zerowidth")]
    [InlineData("emoji \U0001F600 kept", "emoji \U0001F600 kept")]
    public void Paragraph_ControlAndFormatCharacters_AreCleaned(string input, string expected) =>
        Assert.Equal(expected, TextCleaner.Paragraph(input));

    [Fact]
    public void Paragraph_LoneSurrogate_BecomesTheReplacementCharacter() =>
        // Not an [InlineData] case: the test runner's serialisation would mangle the lone surrogate first.
        Assert.Equal("lone \uFFFD surrogate", TextCleaner.Paragraph("lone \uD800 surrogate"));

    [Fact]
    public void Line_Newlines_BecomeSpaces() => Assert.Equal("a b", TextCleaner.Line("a\nb"));

    [Theory]
    [InlineData(0, "a")]
    [InlineData(25, "z")]
    [InlineData(26, "aa")]
    [InlineData(27, "ab")]
    public void Letters_ItemIndex_CountsLikeSpreadsheetColumns(int index, string expected) =>
        Assert.Equal(expected, ClauseWriter.Letters(index));
}
