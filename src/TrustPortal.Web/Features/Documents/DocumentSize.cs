using System.Globalization;

namespace TrustPortal.Web.Features.Documents;

public static class DocumentSize
{
    public static string Text(long bytes) =>
        bytes >= 1024 * 1024
            ? string.Create(CultureInfo.InvariantCulture, $"PDF, {bytes / (1024.0 * 1024):0.#} MB")
            : string.Create(CultureInfo.InvariantCulture, $"PDF, {Math.Max(1, bytes / 1024)} KB");
}
