using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Answers.Questionnaires;

/// <summary>
/// Questionnaires as CSV: UTF-8 text (comma, semicolon or tab separated). The filled file keeps every record, blank
/// ones included, and every cell, written by the shared <see cref="Csv"/> writer (comma separated, CRLF, formula-safe).
/// </summary>
public static class QuestionnaireCsv
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static QuestionnaireSheet Read(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var text = Decode(content);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            IgnoreBlankLines = false,
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            BadDataFound = null,
            MissingFieldFound = null,
        };
        using var reader = new StringReader(text);
        using var parser = new CsvParser(reader, configuration);
        var rows = new List<IReadOnlyList<string>>();
        while (parser.Read())
        {
            if (rows.Count >= QuestionnaireLimits.MaxRows)
            {
                throw new QuestionnaireFileException(QuestionnaireLimits.TooManyRows);
            }
            var record = parser.Record ?? [];
            if (record.Length > QuestionnaireLimits.MaxColumns)
            {
                throw new QuestionnaireFileException(QuestionnaireLimits.TooManyColumns);
            }
            if (record.Any(c => c.Length > QuestionnaireLimits.CellMaxLength))
            {
                throw new QuestionnaireFileException(QuestionnaireLimits.CellTooLong);
            }
            rows.Add(record is [""] ? [] : record);
        }
        return new QuestionnaireSheet(rows);
    }

    /// <summary>The original rows with <paramref name="answers"/> in column <paramref name="answerColumn"/>, as UTF-8 with a byte-order mark (so spreadsheets read accents right).</summary>
    public static byte[] Write(QuestionnaireSheet sheet, int answerColumn, IEnumerable<AnswerCell> answers)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var byRow = answers.ToDictionary(a => a.Row, a => a.Text);
        var text = new StringBuilder();
        for (var i = 0; i < sheet.Rows.Count; i++)
        {
            var cells = sheet.Rows[i].ToList();
            if (byRow.TryGetValue(i, out var answer))
            {
                while (cells.Count <= answerColumn)
                {
                    cells.Add("");
                }
                cells[answerColumn] = answer;
            }
            text.Append(cells.Count == 0 ? "" : Csv.Row(cells)).Append(Csv.LineEnding);
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string Decode(byte[] content)
    {
        if (Array.IndexOf(content, (byte)0) >= 0)
        {
            throw new QuestionnaireFileException("The file is not a CSV text file. Save the questionnaire as “CSV UTF-8” or as an Excel workbook (.xlsx).");
        }
        try
        {
            var text = StrictUtf8.GetString(content);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            throw new QuestionnaireFileException("The file is not UTF-8 text. Save it as “CSV UTF-8 (comma delimited)” and upload it again.");
        }
    }
}
