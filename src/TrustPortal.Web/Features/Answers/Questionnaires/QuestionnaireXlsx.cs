using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace TrustPortal.Web.Features.Answers.Questionnaires;

/// <summary>
/// Questionnaires as Excel workbooks, read and filled with the Open XML SDK. The questions are on the first visible
/// worksheet. Filling edits that sheet's answer cells in place (inline strings, so no answer is ever a formula) and
/// leaves every other part of the package (rows, cells, styles, other sheets) as uploaded.
/// </summary>
public static class QuestionnaireXlsx
{
    private static readonly OpenSettings Settings = new() { MaxCharactersInPart = QuestionnaireLimits.MaxUnpackedBytes };

    public static QuestionnaireSheet Read(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        CheckPackage(content);
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var document = SpreadsheetDocument.Open(stream, false, Settings);
            var (name, part) = QuestionSheet(document);
            var strings = document.WorkbookPart!.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
            var rows = new List<IReadOnlyList<string>>();
            foreach (var (rowIndex, row) in NumberedRows(part))
            {
                if (rowIndex > QuestionnaireLimits.MaxRows)
                {
                    throw new QuestionnaireFileException(QuestionnaireLimits.TooManyRows);
                }
                while (rows.Count < rowIndex - 1)
                {
                    rows.Add([]);
                }
                rows.Add(ReadCells(row, strings));
            }
            return new QuestionnaireSheet(rows, name);
        }
        catch (Exception e) when (e is OpenXmlPackageException or IOException or System.Xml.XmlException or FormatException or InvalidOperationException or NotSupportedException or ArgumentException)
        {
            throw new QuestionnaireFileException("The workbook could not be read. Open it in Excel, save it as .xlsx and upload it again.");
        }
    }

    /// <summary>A copy of the workbook with each answer in its row's cell of column <paramref name="answerColumn"/>.</summary>
    public static byte[] Write(byte[] original, string? sheetName, int answerColumn, IEnumerable<AnswerCell> answers)
    {
        ArgumentNullException.ThrowIfNull(original);
        using var stream = new MemoryStream();
        stream.Write(original);
        stream.Position = 0;
        using (var document = SpreadsheetDocument.Open(stream, true, Settings))
        {
            var (_, part) = QuestionSheet(document, sheetName);
            var data = part.Worksheet!.GetFirstChild<SheetData>()!;
            var rows = NumberedRows(part).ToList();
            foreach (var (rowIndex, row) in rows)
            {
                row.RowIndex = (uint)rowIndex; // made explicit, so rows inserted below sort against every row
            }
            foreach (var answer in answers)
            {
                SetCell(data, (uint)answer.Row + 1, answerColumn, answer.Text);
            }
            // Optional hints that the new cells may have made stale; spreadsheet programs recompute them.
            part.Worksheet.GetFirstChild<SheetDimension>()?.Remove();
            part.Worksheet.Save();
        }
        return stream.ToArray();
    }

    /// <summary>Refuses what is not a workbook, and zip bombs, before any XML is parsed.</summary>
    private static void CheckPackage(byte[] content)
    {
        if (content.Length < 4 || content[0] != 'P' || content[1] != 'K' || content[2] != 3 || content[3] != 4)
        {
            throw new QuestionnaireFileException("The file is not an Excel workbook (.xlsx). Older .xls files must be saved as .xlsx first.");
        }
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > QuestionnaireLimits.MaxZipEntries)
            {
                throw new QuestionnaireFileException("The workbook has too many parts to be a questionnaire.");
            }
            long unpacked = 0;
            foreach (var entry in zip.Entries)
            {
                unpacked += entry.Length;
                if (unpacked > QuestionnaireLimits.MaxUnpackedBytes || entry.Length > 200L * Math.Max(entry.CompressedLength, 1024))
                {
                    throw new QuestionnaireFileException($"The workbook unpacks to more than {QuestionnaireLimits.MaxUnpackedBytes / 1024 / 1024} MB, too much for a questionnaire.");
                }
            }
            if (zip.GetEntry("xl/workbook.xml") is null)
            {
                throw new QuestionnaireFileException("The file is a zip archive but not an Excel workbook (.xlsx).");
            }
        }
        catch (InvalidDataException)
        {
            throw new QuestionnaireFileException("The workbook is damaged and cannot be read.");
        }
    }

    private static (string Name, WorksheetPart Part) QuestionSheet(SpreadsheetDocument document, string? name = null)
    {
        var workbook = document.WorkbookPart ?? throw new QuestionnaireFileException("The workbook has no worksheets.");
        var sheets = workbook.Workbook?.Sheets?.Elements<Sheet>() ?? [];
        var sheet = sheets.FirstOrDefault(s => name is null ? s.State is null || s.State.Value == SheetStateValues.Visible : s.Name?.Value == name)
            ?? throw new QuestionnaireFileException("The workbook has no visible worksheet.");
        if (sheet.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part || part.Worksheet?.GetFirstChild<SheetData>() is null)
        {
            throw new QuestionnaireFileException("The first sheet of the workbook is not a worksheet (a chart sheet, say). Put the questions on the first sheet.");
        }
        return (sheet.Name?.Value ?? "Sheet1", part);
    }

    /// <summary>The sheet's rows with their one-based numbers (a row without r="" follows the one before it).</summary>
    private static IEnumerable<(int Index, Row Row)> NumberedRows(WorksheetPart part)
    {
        var previous = 0;
        foreach (var row in part.Worksheet!.GetFirstChild<SheetData>()!.Elements<Row>())
        {
            var index = row.RowIndex?.Value is { } r ? (int)Math.Min(r, int.MaxValue) : previous + 1;
            if (index <= previous)
            {
                throw new QuestionnaireFileException("The worksheet's rows are out of order.");
            }
            previous = index;
            yield return (index, row);
        }
    }

    private static List<string> ReadCells(Row row, List<string> strings)
    {
        var cells = new List<string>();
        foreach (var cell in row.Elements<Cell>())
        {
            var column = cell.CellReference?.Value is { } reference ? CellColumns.FromReference(reference) : cells.Count;
            if (column >= QuestionnaireLimits.MaxColumns)
            {
                if (string.IsNullOrEmpty(cell.CellValue?.Text) && cell.InlineString is null)
                {
                    continue; // a formatted but empty cell far to the right
                }
                throw new QuestionnaireFileException(QuestionnaireLimits.TooManyColumns);
            }
            while (cells.Count < column)
            {
                cells.Add("");
            }
            var text = CellText(cell, strings);
            if (text.Length > QuestionnaireLimits.CellMaxLength)
            {
                throw new QuestionnaireFileException(QuestionnaireLimits.CellTooLong);
            }
            if (cells.Count == column)
            {
                cells.Add(text);
            }
        }
        while (cells.Count > 0 && cells[^1].Length == 0)
        {
            cells.RemoveAt(cells.Count - 1);
        }
        return cells;
    }

    private static string CellText(Cell cell, List<string> strings)
    {
        var value = cell.CellValue?.Text ?? "";
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return int.TryParse(value, out var i) && i >= 0 && i < strings.Count ? strings[i] : "";
        }
        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }
        if (cell.DataType?.Value == CellValues.Boolean)
        {
            return value == "1" ? "TRUE" : "FALSE";
        }
        return value;
    }

    private static void SetCell(SheetData data, uint rowIndex, int column, string text)
    {
        var row = data.Elements<Row>().FirstOrDefault(r => r.RowIndex!.Value >= rowIndex);
        if (row is null || row.RowIndex!.Value != rowIndex)
        {
            var added = new Row { RowIndex = rowIndex };
            if (row is null)
            {
                data.Append(added);
            }
            else
            {
                data.InsertBefore(added, row);
            }
            row = added;
        }
        row.Spans = null;
        var reference = CellColumns.ToName(column) + rowIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var position = 0;
        Cell? cell = null;
        Cell? after = null;
        foreach (var existing in row.Elements<Cell>())
        {
            var at = existing.CellReference?.Value is { } r ? CellColumns.FromReference(r) : position;
            existing.CellReference ??= CellColumns.ToName(at) + rowIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);
            position = at + 1;
            if (at == column)
            {
                cell = existing;
                break;
            }
            if (at > column)
            {
                after = existing;
                break;
            }
        }
        if (cell is null)
        {
            cell = new Cell { CellReference = reference };
            if (after is null)
            {
                row.Append(cell);
            }
            else
            {
                row.InsertBefore(cell, after);
            }
        }
        cell.CellFormula?.Remove();
        cell.CellValue?.Remove();
        cell.InlineString?.Remove();
        cell.DataType = CellValues.InlineString;
        cell.InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }
}
