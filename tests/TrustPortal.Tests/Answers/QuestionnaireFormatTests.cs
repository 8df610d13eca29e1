using System.Text;
using TrustPortal.Web.Features.Answers.Questionnaires;

namespace TrustPortal.Tests.Answers;

public sealed class QuestionnaireFormatTests
{
    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    public void CellColumns_NameAndNumber_RoundTrip(int column, string name)
    {
        Assert.Equal(name, CellColumns.ToName(column));
        Assert.Equal(column, CellColumns.FromReference(name + "12"));
    }

    [Fact]
    public void Layout_FindsTheHeaderBelowATitle_AndAnExistingResponseColumn()
    {
        var sheet = new QuestionnaireSheet([["Security questionnaire"], [], ["#", "Question", "Vendor response"], ["1", "Do you encrypt?", ""]]);

        var layout = QuestionnaireLayout.Detect(sheet);

        Assert.Equal(new QuestionnaireLayout(2, 1, 2, true), layout);
        Assert.Equal([(3, "Do you encrypt?")], layout.Questions(sheet));
    }

    [Fact]
    public void Layout_WithoutAHeader_TakesTheColumnOfQuestions_AndAddsTheAnswerColumn()
    {
        var sheet = new QuestionnaireSheet([["A.1", "Do you encrypt data at rest?"], ["A.2", "Do you run background checks?", "note"]]);

        Assert.Equal(new QuestionnaireLayout(null, 1, 3, false), QuestionnaireLayout.Detect(sheet));
    }

    [Fact]
    public void Csv_ReadsSemicolonsAndBlankLines_AndWritesCrlfFormulaSafe()
    {
        var sheet = QuestionnaireCsv.Read(Encoding.UTF8.GetBytes("\uFEFFQuestion;Note\n\nIs it safe?;=1+1\n"));

        Assert.Equal([["Question", "Note"], [], ["Is it safe?", "=1+1"]], sheet.Rows.Select(r => r.ToArray()));
        var written = Encoding.UTF8.GetString(QuestionnaireCsv.Write(sheet, 2, [new AnswerCell(0, "Answer"), new AnswerCell(2, "-Yes, \"always\"")]));
        Assert.Equal("\uFEFFQuestion,Note,Answer\r\n\r\nIs it safe?,\"'=1+1\",\"'-Yes, \"\"always\"\"\"\r\n", written);
    }
}
