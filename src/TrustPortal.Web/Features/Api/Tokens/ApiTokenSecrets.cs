using System.Security.Cryptography;
using TrustPortal.Web.Shared;

namespace TrustPortal.Web.Features.Api.Tokens;

/// <summary>
/// Token secrets: "tp_" and 43 characters of base64url (256 random bits), so a secret scanner recognises them and
/// nobody guesses one. Stored as SHA-256 only; a fast hash is enough for a secret with that much entropy.
/// </summary>
public static class ApiTokenSecrets
{
    public const string Prefix = "tp_";
    private const int SecretLength = 46;
    private static readonly System.Buffers.SearchValues<char> Base64UrlCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    public static string Create() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => SecretTokens.Hash(secret);

    /// <summary>Whether <paramref name="value"/> has the shape of a secret; anything else is refused without a lookup.</summary>
    public static bool LooksLikeSecret(string value) =>
        value.Length == SecretLength && value.StartsWith(Prefix, StringComparison.Ordinal)
        && value.AsSpan(Prefix.Length).IndexOfAnyExcept(Base64UrlCharacters) < 0;

    /// <summary>What the owner sees of a stored token: the prefix and the first few characters.</summary>
    public static string Hint(string secret) => secret[..(Prefix.Length + 6)];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
