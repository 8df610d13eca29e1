using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace TrustPortal.IntegrationTests.Answers;

/// <summary>
/// A questionnaire as a customer sends it (a title row, blank rows, a header, a section row, a formula-looking cell,
/// accents and an emoji), written as CSV or XLSX, and read back from a downloaded file independently of the portal.
/// </summary>
public static class QuestionnaireFiles
{
    public const string TrainingQuestion = "Do you train models on our API data?";
    public const string HipaaQuestion = "Will you sign a Business Associate Agreement for HIPAA?";
    public const string Soc2Question = "Do you have a current SOC 2 Type 2 report?";
    public const string UnicodeQuestion = "Qui possède les résultats — who owns the outputs? ✅🚀";
    public const string FormulaComment = "=HYPERLINK(\"http://evil.example\",\"click\")";

    /// <summary>Rows of the sheet; null is a row with no cells at all (absent from a workbook, an empty line in a CSV).</summary>
    public static List<string[]?> Rows(bool withAnswerColumn) => withAnswerColumn
        ?
        [
            ["Vendor security questionnaire 2026"],
            null,
            ["ID", "Question", "Response", "Comments"],
            ["1.1", TrainingQuestion, "", ""],
            ["1.2", HipaaQuestion, "", "@mention legal"],
            null,
            ["Section 2: compliance", "", "", ""],
            ["2.1", UnicodeQuestion, "", FormulaComment],
            ["2.2", Soc2Question, "Already answered by us", "-5 points"],
        ]
        :
        [
            ["Vendor security questionnaire 2026"],
            null,
            ["ID", "Question", "Comments"],
            ["1.1", TrainingQuestion, ""],
            ["1.2", HipaaQuestion, "@mention legal"],
            null,
            ["Section 2: compliance", "", ""],
            ["2.1", UnicodeQuestion, FormulaComment],
            ["2.2", Soc2Question, "-5 points"],
        ];

    public static byte[] Csv(List<string[]?> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.Append(row is null ? "" : string.Join(',', row.Select(Quote))).Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Quote(string cell) => cell.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    /// <summary>
    /// A workbook with shared strings, a styled cell, a real formula in the comments column of the last row, an absent
    /// blank row and a second sheet, as spreadsheet programs write them.
    /// </summary>
    public static byte[] Xlsx(List<string[]?> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font(), new Font(new Bold())),
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
                new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }));
            var sheetData = new SheetData();
            for (var r = 0; r < rows.Count; r++)
            {
                if (rows[r] is not { } cells)
                {
                    continue;
                }
                var row = new Row { RowIndex = (uint)r + 1 };
                for (var c = 0; c < cells.Length; c++)
                {
                    if (cells[c].Length == 0)
                    {
                        continue;
                    }
                    var reference = (char)('A' + c) + (r + 1).ToString(CultureInfo.InvariantCulture);
                    if (cells[c] == FormulaComment)
                    {
                        row.Append(new Cell { CellReference = reference, CellFormula = new CellFormula(cells[c][1..]), CellValue = new CellValue("click"), DataType = CellValues.String });
                        continue;
                    }
                    strings.SharedStringTable.Append(new SharedStringItem(new Text(cells[c])));
                    var index = strings.SharedStringTable.Elements<SharedStringItem>().Count() - 1;
                    row.Append(new Cell
                    {
                        CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(index),
                        StyleIndex = r == 2 ? 1U : null,
                    });
                }
                sheetData.Append(row);
            }
            var sheet = workbook.AddNewPart<WorksheetPart>();
            sheet.Worksheet = new Worksheet(new SheetDimension { Reference = $"A1:D{rows.Count}" }, sheetData);
            var notes = workbook.AddNewPart<WorksheetPart>();
            notes.Worksheet = new Worksheet(new SheetData(new Row(new Cell { CellReference = "A1", DataType = CellValues.InlineString, InlineString = new InlineString(new Text("Internal notes")) }) { RowIndex = 1 }));
            workbook.Workbook.AppendChild(new Sheets(
                new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "Questions" },
                new Sheet { Id = workbook.GetIdOfPart(notes), SheetId = 2, Name = "Notes" }));
        }
        return stream.ToArray();
    }

    /// <summary>A downloaded CSV as its records, blank lines kept (as empty records).</summary>
    public static List<string[]> ReadCsv(byte[] content)
    {
        var text = Encoding.UTF8.GetString(content);
        Assert.Equal('\uFEFF', text[0]);
        Assert.DoesNotMatch("(?<!\r)\n", text); // one line ending: CRLF
        using var reader = new StringReader(text[1..]);
        using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { IgnoreBlankLines = false, HasHeaderRecord = false });
        var records = new List<string[]>();
        while (parser.Read())
        {
            records.Add(parser.Record is [""] ? [] : parser.Record!);
        }
        return records;
    }

    /// <summary>A downloaded workbook's question sheet: cells by reference, with whether each holds a formula.</summary>
    public static Dictionary<string, (string Text, bool Formula, uint? Style)> ReadXlsx(byte[] content, out List<string> sheetNames)
    {
        using var stream = new MemoryStream(content);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        sheetNames = workbook.Workbook!.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();
        var first = workbook.Workbook.Sheets!.Elements<Sheet>().First();
        var part = (WorksheetPart)workbook.GetPartById(first.Id!.Value!);
        var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var cells = new Dictionary<string, (string, bool, uint?)>(StringComparer.Ordinal);
        foreach (var cell in part.Worksheet!.Descendants<Cell>())
        {
            var text = cell.DataType?.Value == CellValues.SharedString ? shared[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)]
                : cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText
                : cell.CellValue?.Text ?? "";
            cells[cell.CellReference!.Value!] = (text, cell.CellFormula is not null, cell.StyleIndex?.Value);
        }
        return cells;
    }
}
