using System.Security.Cryptography;
using System.Text;

namespace TrustPortal.Web.Features.Webhooks;

/// <summary>
/// The Standard Webhooks scheme: the secret is <c>whsec_</c> and base64 key bytes, and the signature of a request is
/// <c>v1,</c> and base64(HMAC-SHA256(key, "{webhook-id}.{webhook-timestamp}.{body}")).
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";
    private const int KeyBytes = 32;

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>Null when <paramref name="secret"/> is a usable secret, else why not.</summary>
    public static string? Validate(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret) || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return $"A signing secret starts with \"{SecretPrefix}\" followed by base64.";
        }
        try
        {
            var key = Convert.FromBase64String(secret[SecretPrefix.Length..]);
            return key.Length is >= 24 and <= 64 ? null : "A signing secret holds 24 to 64 bytes of key (32 to 88 base64 characters).";
        }
        catch (FormatException)
        {
            return $"The part after \"{SecretPrefix}\" is not valid base64.";
        }
    }

    public static string Sign(string secret, string messageId, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret[SecretPrefix.Length..]);
        var content = Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }
}
