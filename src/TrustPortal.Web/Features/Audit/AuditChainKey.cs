using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Features.Audit;

/// <summary>
/// The secret that signs the audit chain (HMAC-SHA256). The database never holds it, so someone who can rewrite the
/// audit table can recompute the plain hashes but not these signatures. <c>Audit:ChainKey</c> (base64, at least 32
/// bytes) when configured; otherwise a random key created once in the data folder.
/// </summary>
public sealed class AuditChainKey
{
    public const string ConfigurationKey = "Audit:ChainKey";
    public const string GeneratedFileName = "audit-chain.key";
    public const int MinimumBytes = 32;

    private readonly Lazy<byte[]> key;

    public AuditChainKey(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < MinimumBytes)
        {
            throw new ArgumentException($"The audit chain key must be at least {MinimumBytes} bytes.", nameof(key));
        }
        var copy = (byte[])key.Clone();
        this.key = new Lazy<byte[]>(() => copy);
    }

    private AuditChainKey(Func<byte[]> load) => key = new Lazy<byte[]>(load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Checks a configured key at once (fail fast); a generated key is read or created on first use, so tools that
    /// only build the model (dotnet ef) leave the data folder alone.
    /// </summary>
    public static AuditChainKey FromConfiguration(string? configured, DataDirectory data, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new AuditChainKey(Parse(configured, ConfigurationKey));
        }
        var path = data.Resolve(GeneratedFileName);
        return new AuditChainKey(() => LoadOrCreate(path, logger));
    }

    public static byte[] Parse(string base64, string origin)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{origin} is not base64. Create one with: openssl rand -base64 32");
        }
        if (bytes.Length < MinimumBytes)
        {
            throw new InvalidOperationException($"{origin} holds {bytes.Length} bytes; the audit chain key needs at least {MinimumBytes}. Create one with: openssl rand -base64 32");
        }
        return bytes;
    }

    private static byte[] LoadOrCreate(string path, ILogger logger)
    {
        if (!File.Exists(path))
        {
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temporary, Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumBytes)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            // A second process racing us keeps whichever file landed first; both then sign with the same key.
            try { File.Move(temporary, path, overwrite: false); } catch (IOException) { File.Delete(temporary); }
            logger.LogWarning("Created the audit chain key {Path}. Keep it with your backups: without it the audit trail cannot be verified. Several instances sharing one database must all use the same key ({Setting}).", path, ConfigurationKey);
        }
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Signs one event's place in the chain: its sequence and its hash (which covers its content and link).</summary>
    public string SignEvent(long sequence, string hash) => Sign("event", sequence.ToString(CultureInfo.InvariantCulture), hash);

    /// <summary>Signs the recorded head. A different purpose from events, so an event's signature cannot pass as a head's.</summary>
    public string SignHead(AuditHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        return Sign("head", head.Sequence.ToString(CultureInfo.InvariantCulture), head.Hash,
            head.AdoptedThroughSequence.ToString(CultureInfo.InvariantCulture),
            head.AdoptedAtUtc?.Ticks.ToString(CultureInfo.InvariantCulture) ?? "",
            head.AnomalyAtSequence?.ToString(CultureInfo.InvariantCulture) ?? "", head.AnomalyNote ?? "");
    }

    public string SignCheckpoint(long sequence, string hash) => Sign("checkpoint", sequence.ToString(CultureInfo.InvariantCulture), hash);

    /// <summary>Compares signatures in constant time, so timing does not reveal how much of a forgery was right.</summary>
    public static bool Matches(string expected, string? actual) =>
        actual is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(actual));

    private string Sign(params string[] fields) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key.Value, Encoding.UTF8.GetBytes(string.Join('\u001f', fields))));
}
