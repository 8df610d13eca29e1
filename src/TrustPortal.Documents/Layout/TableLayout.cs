using static TrustPortal.Documents.Layout.DocumentStyle;

namespace TrustPortal.Documents.Layout;

/// <summary>
/// A bordered table across pages: bold shaded header row repeated on every page the table continues on, wrapped
/// cells, column widths from weights. A row moves to the next page whole; only a row taller than a page is split.
/// </summary>
internal sealed class TableLayout
{
    private const double PadX = 4;
    private const double PadY = 3.5;

    private readonly PageFlow flow;
    private readonly double x;
    private readonly double[] columnX;
    private readonly double[] columnWidth;
    private readonly List<string>[] header;
    private readonly double headerHeight;
    // Where the table's part on the current page starts: column borders are drawn once per page, top to bottom.
    private double fragmentTop;

    private TableLayout(PageFlow flow, IReadOnlyList<string> columns, IReadOnlyList<double>? weights, double x, double width)
    {
        this.flow = flow;
        this.x = x;
        var count = columns.Count;
        var valid = weights is not null && weights.Count == count && weights.All(w => double.IsFinite(w) && w > 0);
        var total = valid ? weights!.Sum() : count;
        columnX = new double[count + 1];
        columnWidth = new double[count];
        columnX[0] = x;
        for (var c = 0; c < count; c++)
        {
            columnWidth[c] = width * (valid ? weights![c] : 1) / total;
            columnX[c + 1] = columnX[c] + columnWidth[c];
        }
        header = WrapCells(columns, TableBold);
        headerHeight = RowHeight(header, TableBold);
    }

    /// <summary>Writes the table at the flow's cursor; nothing when it has no columns.</summary>
    public static void Write(PageFlow flow, IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string>> rows,
        IReadOnlyList<double>? weights, double x, double width)
    {
        if (columns.Count == 0)
        {
            return;
        }
        new TableLayout(flow, columns, weights, x, width).Write(rows);
    }

    private void Write(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var bodyRows = rows.Select(row => WrapCells(Normalize(row), Table)).ToList();
        // Keep the header with the first row, or with the first few lines of a very tall one.
        var firstRow = bodyRows.Count == 0 ? 0 : Math.Min(RowHeight(bodyRows[0], Table), 3 * Table.LineHeight + 2 * PadY);
        flow.KeepTogether(headerHeight + firstRow);
        DrawHeader();
        var pageHeight = Bottom - Top - headerHeight;
        foreach (var cells in bodyRows)
        {
            var height = RowHeight(cells, Table);
            if (height <= pageHeight)
            {
                if (!flow.Fits(height))
                {
                    ContinueOnNewPage();
                }
                DrawRow(cells, Table, 0, int.MaxValue, height, shaded: false);
                continue;
            }
            DrawTallRow(cells);
        }
        DrawColumnBorders();
    }

    private void DrawTallRow(List<string>[] cells)
    {
        var total = cells.Max(c => c.Count);
        var from = 0;
        while (from < total)
        {
            var room = (int)Math.Floor((Bottom - flow.Y - 2 * PadY) / Table.LineHeight);
            if (room < 1)
            {
                ContinueOnNewPage();
                continue;
            }
            var count = Math.Min(room, total - from);
            DrawRow(cells, Table, from, count, count * Table.LineHeight + 2 * PadY, shaded: false);
            from += count;
            if (from < total)
            {
                ContinueOnNewPage();
            }
        }
    }

    private void ContinueOnNewPage()
    {
        DrawColumnBorders();
        flow.NewPage();
        DrawHeader();
    }

    private void DrawColumnBorders()
    {
        foreach (var columnLeft in columnX)
        {
            flow.Page.Rule(columnLeft, fragmentTop, columnLeft, flow.Y);
        }
    }

    private void DrawHeader()
    {
        fragmentTop = flow.Y;
        flow.Page.Rule(columnX[0], flow.Y, columnX[^1], flow.Y);
        DrawRow(header, TableBold, 0, int.MaxValue, headerHeight, shaded: true);
    }

    private void DrawRow(List<string>[] cells, TextFont font, int from, int count, double height, bool shaded)
    {
        var page = flow.Page;
        var top = flow.Y;
        if (shaded)
        {
            page.Shade(x, top, columnX[^1] - x, height);
        }
        for (var c = 0; c < cells.Length; c++)
        {
            var lines = cells[c];
            var end = (int)Math.Min(lines.Count, (long)from + count);
            var ink = shaded ? Ink.Heading : Ink.Text;
            for (var i = from; i < end; i++)
            {
                page.Text(columnX[c] + PadX, top + PadY + (i - from) * font.LineHeight, lines[i], font, ink);
            }
        }
        page.Rule(columnX[0], top + height, columnX[^1], top + height);
        flow.Advance(height);
    }

    private List<string>[] WrapCells(IReadOnlyList<string> texts, TextFont font)
    {
        var cells = new List<string>[columnWidth.Length];
        for (var c = 0; c < cells.Length; c++)
        {
            cells[c] = [];
            TextLayout.Wrap(TextCleaner.Paragraph(texts[c]), font, columnWidth[c] - 2 * PadX, cells[c]);
        }
        return cells;
    }

    private static double RowHeight(List<string>[] cells, TextFont font) => cells.Max(c => c.Count) * font.LineHeight + 2 * PadY;

    // Rows shorter than the header are padded; cells beyond the last column join the last cell so no text is lost.
    private IReadOnlyList<string> Normalize(IReadOnlyList<string> row)
    {
        var count = columnWidth.Length;
        if (row.Count == count)
        {
            return row;
        }
        var cells = new string[count];
        for (var c = 0; c < count; c++)
        {
            cells[c] = c < row.Count ? row[c] : string.Empty;
        }
        if (row.Count > count)
        {
            cells[count - 1] = string.Join('\n', row.Skip(count - 1));
        }
        return cells;
    }
}
