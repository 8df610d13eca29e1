using System.Globalization;
using TrustPortal.Web.Infrastructure;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Agreements.Library;

/// <summary>
/// The export's manifest.csv, written with <see cref="Csv"/> (RFC 4180, CRLF, formula-safe cells).
/// </summary>
public static class ManifestCsv
{
    public const string Header = "number,organization,kind,template_version,executed_at_utc,sha256,status";

    public static string Row(string number, string organization, AgreementKind kind, int templateVersion, DateTime executedAtUtc, string sha256, AgreementStatus status) =>
        Csv.Row([
            number,
            organization,
            kind.DisplayName(),
            templateVersion.ToString(CultureInfo.InvariantCulture),
            executedAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            sha256,
            status.DisplayName(),
        ]);
}
