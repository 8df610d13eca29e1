using System.Diagnostics.CodeAnalysis;

namespace TrustPortal.Web.Features.Agreements;

/// <summary>
/// The public verification addresses. <c>/verify/{sha256}</c> names a file by its fingerprint; <c>/verify/a/{id}</c> is
/// what a sealed PDF prints (it cannot hold its own hash) and leads to the former.
/// </summary>
public static class VerifyPaths
{
    public const string Upload = "/verify";

    public static string ForFingerprint(string sha256) => $"{Upload}/{sha256}";

    public static string ForAgreement(Guid agreementId) => $"{Upload}/a/{agreementId:D}";

    /// <summary>A SHA-256 as 64 hexadecimal digits, either case; <paramref name="sha256"/> is its lower-case form.</summary>
    public static bool TryParseFingerprint(string? text, [NotNullWhen(true)] out string? sha256)
    {
        sha256 = null;
        if (text is not { Length: 64 } || !text.All(char.IsAsciiHexDigit))
        {
            return false;
        }
        sha256 = text.ToLowerInvariant();
        return true;
    }
}
