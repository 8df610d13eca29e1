using System.Text.RegularExpressions;

namespace TrustPortal.Web.Features.Answers.Questionnaires;

/// <summary>
/// Where a questionnaire keeps its questions and where the answers go. A header row is a row among the first ten with
/// a cell that has the word "question"; its "Answer" or "Response" column is filled, and without one a column is added after
/// the widest row. A file without such a header has its questions in the column whose cells most often end in "?".
/// </summary>
public sealed partial record QuestionnaireLayout(int? HeaderRow, int QuestionColumn, int AnswerColumn, bool AnswerColumnExisted)
{
    private const int HeaderSearchRows = 10;

    public static QuestionnaireLayout Detect(QuestionnaireSheet sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var width = sheet.Rows.Count == 0 ? 0 : sheet.Rows.Max(r => r.Count);
        for (var i = 0; i < Math.Min(HeaderSearchRows, sheet.Rows.Count); i++)
        {
            var row = sheet.Rows[i];
            var question = IndexOf(row, c => QuestionHeading().IsMatch(c));
            if (question < 0)
            {
                continue;
            }
            var answer = IndexOf(row, c => AnswerHeading().IsMatch(c));
            return answer >= 0 && answer != question
                ? new QuestionnaireLayout(i, question, answer, true)
                : new QuestionnaireLayout(i, question, width, false);
        }
        return new QuestionnaireLayout(null, GuessQuestionColumn(sheet, width), width, false);
    }

    /// <summary>The rows that hold a question: below the header, with text in the question column.</summary>
    public IEnumerable<(int Row, string Question)> Questions(QuestionnaireSheet sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        for (var i = (HeaderRow ?? -1) + 1; i < sheet.Rows.Count; i++)
        {
            var row = sheet.Rows[i];
            if (QuestionColumn < row.Count && row[QuestionColumn].Trim() is { Length: > 0 } question)
            {
                yield return (i, question);
            }
        }
    }

    /// <summary>The answer already in the file for row <paramref name="row"/>, if any.</summary>
    public string? ExistingAnswer(QuestionnaireSheet sheet, int row)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var cells = sheet.Rows[row];
        return AnswerColumnExisted && AnswerColumn < cells.Count && cells[AnswerColumn].Trim().Length > 0 ? cells[AnswerColumn] : null;
    }

    private static int IndexOf(IReadOnlyList<string> row, Func<string, bool> predicate)
    {
        for (var c = 0; c < row.Count; c++)
        {
            if (row[c].Length <= 40 && predicate(row[c]))
            {
                return c;
            }
        }
        return -1;
    }

    private static int GuessQuestionColumn(QuestionnaireSheet sheet, int width)
    {
        var best = 0;
        var bestScore = -1.0;
        for (var c = 0; c < width; c++)
        {
            var texts = sheet.Rows.Where(r => c < r.Count && r[c].Trim().Length > 0).Select(r => r[c].Trim()).ToList();
            if (texts.Count == 0)
            {
                continue;
            }
            var score = texts.Count(t => t.EndsWith('?')) * 1000.0 + texts.Average(t => t.Length);
            if (score > bestScore)
            {
                (best, bestScore) = (c, score);
            }
        }
        return best;
    }

    // Whole words, so a title such as "Security questionnaire" is not taken for the header.
    [GeneratedRegex(@"\bquestions?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuestionHeading();

    [GeneratedRegex(@"\b(answers?|responses?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnswerHeading();
}
