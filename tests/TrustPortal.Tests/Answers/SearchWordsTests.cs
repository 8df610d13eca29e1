using TrustPortal.Web.Features.Answers;

namespace TrustPortal.Tests.Answers;

public sealed class SearchWordsTests
{
    [Fact]
    public void From_KeepsTheSignificantWords_Once_InLowerCase()
    {
        Assert.Equal(["train", "models", "api", "data"], SearchWords.From("Please describe: do you TRAIN models on our API data? Data!"));
    }

    [Theory]
    [InlineData("\" OR 1=1 --")]
    [InlineData("NEAR(a b) AND body:secret*")]
    [InlineData("a & b | !c <-> d:*")]
    public void From_LeavesNoQuerySyntax_OnlyLettersAndDigits(string input)
    {
        Assert.All(SearchWords.From(input), w => Assert.True(w.All(char.IsLetterOrDigit), w));
    }

    [Fact]
    public void From_OfNothingWorthSearching_IsEmpty()
    {
        Assert.Empty(SearchWords.From("the and of ... ???"));
        Assert.Empty(SearchWords.From(null));
    }

    [Fact]
    public void From_ALongText_IsCappedInWords()
    {
        Assert.Equal(SearchWords.MaxWords, SearchWords.From(string.Join(' ', Enumerable.Range(0, 500).Select(i => $"w{i}"))).Count);
    }

    [Fact]
    public void MatchExpression_QuotesEveryWord_AndDoublesQuotes()
    {
        Assert.Equal("\"soc\" OR \"2\" OR \"a\"\"b\"", SqliteAnswerSearch.ToMatchExpression(["soc", "2", "a\"b"]));
    }
}
