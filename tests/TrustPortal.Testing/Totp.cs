using OtpNet;

namespace TrustPortal.Testing;

/// <summary>RFC 6238 codes (HMAC-SHA1, 30-second steps, 6 digits), as an authenticator app computes them, from Otp.NET.</summary>
public static class Totp
{
    public static string Code(string base32Key, DateTimeOffset? at = null) =>
        new OtpNet.Totp(Base32Encoding.ToBytes(base32Key)).ComputeTotp((at ?? DateTimeOffset.UtcNow).UtcDateTime);
}
