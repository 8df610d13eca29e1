using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace TrustPortal.Web.Infrastructure;

/// <summary>
/// CSV exports that open safely in a spreadsheet: RFC 4180 with CRLF line endings, quoted only when a cell holds a quote,
/// comma or line break, and a cell that would start a formula (= + - @, or a tab or carriage return that can hide one,
/// as OWASP lists) prefixed with an apostrophe.
/// </summary>
public static class CsvFiles
{
    public const string LineEnding = "\r\n";

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        NewLine = LineEnding,
        InjectionOptions = InjectionOptions.Escape,
        InjectionCharacters = ['=', '+', '-', '@', '\t', '\r'],
        InjectionEscapeCharacter = '\'',
        ShouldQuote = args => args.Field is { } field && field.AsSpan().IndexOfAny("\",\r\n") >= 0,
    };

    /// <summary>A writer over <paramref name="writer"/>, which it leaves open.</summary>
    public static CsvWriter CreateWriter(TextWriter writer) => new(writer, Configuration, leaveOpen: true);

    /// <summary>One record, without its line ending.</summary>
    public static string Row(IEnumerable<string?> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CreateWriter(text))
        {
            foreach (var cell in cells)
            {
                csv.WriteField(cell ?? "");
            }
            csv.Flush();
        }
        return text.ToString();
    }
}
