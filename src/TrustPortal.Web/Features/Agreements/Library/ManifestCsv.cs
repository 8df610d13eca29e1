using System.Globalization;
using System.Text;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Agreements.Library;

/// <summary>
/// The export's manifest.csv (RFC 4180, CRLF). Cells that a spreadsheet would run as a formula are prefixed with a
/// single quote, because organization names come from customers.
/// </summary>
public static class ManifestCsv
{
    public const string Header = "number,organization,kind,template_version,executed_at_utc,sha256,status";

    public static string Row(string number, string organization, AgreementKind kind, int templateVersion, DateTime executedAtUtc, string sha256, AgreementStatus status) =>
        string.Join(',',
            Cell(number),
            Cell(organization),
            Cell(kind.DisplayName()),
            Cell(templateVersion.ToString(CultureInfo.InvariantCulture)),
            Cell(executedAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            Cell(sha256),
            Cell(status.DisplayName()));

    /// <summary>One cell: neutralised if it would start a formula, then quoted if it holds a quote, comma or line break.</summary>
    public static string Cell(string? value)
    {
        var text = value ?? "";
        // OWASP's list: = + - @ start a formula; tab and carriage return can hide one.
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }
        if (text.AsSpan().IndexOfAny("\",\r\n") < 0)
        {
            return text;
        }
        return new StringBuilder(text.Length + 2).Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString();
    }
}
