using System.Security.Cryptography.Pkcs;

namespace TrustPortal.Documents;

/// <summary>
/// Gets an RFC 3161 time-stamp token over a seal's signature value, so the seal proves when it was made even after
/// the sealing certificate expires or is retired.
/// </summary>
public interface ISealTimestamper
{
    /// <summary>
    /// A verified token whose message imprint is the SHA-256 of <paramref name="signatureValue"/>; null when no authority
    /// answered and timestamps are optional. Throws <see cref="SealTimestampException"/> when one is required and none
    /// could be had.
    /// </summary>
    Task<Rfc3161TimestampToken?> TimestampAsync(ReadOnlyMemory<byte> signatureValue, CancellationToken cancellationToken);
}

/// <summary>No time-stamp authority gave a usable token, and the seal may not go without one: nothing was sealed.</summary>
public sealed class SealTimestampException : Exception
{
    public SealTimestampException()
    {
    }

    public SealTimestampException(string message) : base(message)
    {
    }

    public SealTimestampException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
