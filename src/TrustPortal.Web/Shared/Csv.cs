using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace TrustPortal.Web.Shared;

/// <summary>
/// CSV that opens safely in a spreadsheet, written by CsvHelper: RFC 4180 with CRLF line endings, a cell quoted only
/// when it holds a quote, comma or line break, and a cell that would start a formula (= + - @, or a tab or carriage
/// return that can hide one, as OWASP lists) prefixed with an apostrophe, because names in exports come from customers.
/// </summary>
public static class Csv
{
    /// <summary>Every CSV the portal writes ends its lines with this.</summary>
    public const string LineEnding = "\r\n";

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        NewLine = LineEnding,
        InjectionOptions = InjectionOptions.Escape,
        InjectionCharacters = ['=', '+', '-', '@', '\t', '\r'],
        InjectionEscapeCharacter = '\'',
        ShouldQuote = args => args.Field is { } field && field.AsSpan().IndexOfAny("\",\r\n") >= 0,
    };

    /// <summary>One record, without its line ending.</summary>
    public static string Row(IEnumerable<string?> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, Configuration, leaveOpen: true))
        {
            foreach (var cell in cells)
            {
                csv.WriteField(cell ?? "");
            }
            csv.Flush();
        }
        return text.ToString();
    }

    /// <summary>One cell as it appears in a record.</summary>
    public static string Cell(string? value) => Row([value]);
}
