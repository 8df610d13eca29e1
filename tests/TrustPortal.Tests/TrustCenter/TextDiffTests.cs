using TrustPortal.Web.Features.TrustCenter;

namespace TrustPortal.Tests.TrustCenter;

public sealed class TextDiffTests
{
    [Fact]
    public void Words_AddedText_IsOneAddedPieceBetweenUnchangedText()
    {
        var pieces = TextDiff.Words("We keep logs for 30 days.", "We keep encrypted logs for 30 days.");

        Assert.Equal(
            [new(DiffKind.Unchanged, "We keep "), new(DiffKind.Added, "encrypted "), new(DiffKind.Unchanged, "logs for 30 days.")],
            pieces);
    }

    [Fact]
    public void Words_RemovedText_IsOneRemovedPiece()
    {
        var pieces = TextDiff.Words("We never sell or share your data.", "We never sell your data.");

        Assert.Equal(
            [new(DiffKind.Unchanged, "We never sell "), new(DiffKind.Removed, "or share "), new(DiffKind.Unchanged, "your data.")],
            pieces);
    }

    [Fact]
    public void Words_ReplacedWord_IsRemovedThenAdded()
    {
        var pieces = TextDiff.Words("Kept for 30 days.", "Kept for 90 days.");

        Assert.Contains(new DiffPiece(DiffKind.Removed, "30"), pieces);
        Assert.Contains(new DiffPiece(DiffKind.Added, "90"), pieces);
        Assert.Equal(("Kept for 30 days.", "Kept for 90 days."), TextDiff.Reconstruct(pieces));
    }

    [Fact]
    public void Words_Unchanged_IsOneUnchangedPiece()
    {
        var pieces = TextDiff.Words("Same text.\nTwo lines.", "Same text.\nTwo lines.");

        Assert.Equal([new(DiffKind.Unchanged, "Same text.\nTwo lines.")], pieces);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "")]
    [InlineData("", null)]
    public void Words_BothEmpty_IsNoPieces(string? a, string? b) => Assert.Empty(TextDiff.Words(a, b));

    [Fact]
    public void Words_FromEmpty_IsAllAdded_AndToEmpty_IsAllRemoved()
    {
        Assert.Equal([new(DiffKind.Added, "New section.")], TextDiff.Words("", "New section."));
        Assert.Equal([new(DiffKind.Removed, "Old section.")], TextDiff.Words("Old section.", null));
    }

    [Fact]
    public void Lines_ChangedLine_IsRemovedAndAddedWithLineBreaks()
    {
        var pieces = TextDiff.Lines("one\ntwo\nthree\n", "one\nTWO\nthree\n");

        Assert.Equal(
            [new(DiffKind.Unchanged, "one\n"), new(DiffKind.Removed, "two\n"), new(DiffKind.Added, "TWO\n"), new(DiffKind.Unchanged, "three\n")],
            pieces);
    }

    [Fact]
    public void Lines_WindowsLineEndings_CompareEqualToUnix()
    {
        Assert.Equal([new(DiffKind.Unchanged, "a\nb")], TextDiff.Lines("a\r\nb", "a\nb"));
    }

    [Theory]
    [InlineData("The quick brown fox jumps over the lazy dog.", "A quick red fox jumped over the dog, lazily.")]
    [InlineData("- one\n- two\n\nParagraph.", "- one\n- one and a half\n- two\n\nNew paragraph.\n")]
    [InlineData("abc", "xyz")]
    public void Words_AlwaysJoinBackToBothTexts(string before, string after)
    {
        Assert.Equal((before, after), TextDiff.Reconstruct(TextDiff.Words(before, after)));
        Assert.Equal((before, after), TextDiff.Reconstruct(TextDiff.Lines(before, after)));
    }

    [Fact]
    public void Words_BeyondTheBudget_FallsBackToRemovedAndAddedWithoutLosingText()
    {
        var before = string.Join(' ', Enumerable.Range(0, 3000).Select(i => $"a{i}"));
        var after = string.Join(' ', Enumerable.Range(0, 3000).Select(i => $"b{i}"));

        var pieces = TextDiff.Words(before, after);

        Assert.Equal((before, after), TextDiff.Reconstruct(pieces));
    }
}
