using System.Text.Json;
using TrustPortal.Web.Infrastructure;

namespace TrustPortal.Web.Features.Audit;

/// <summary>
/// The newest chain head this portal has committed, kept in the data folder, outside the database. The head row can
/// be put back to an older signed copy together with a matching truncation; this file still says how far the chain
/// reached. It only moves forward, and lagging is safe: every head it names must still be in the chain.
/// </summary>
public sealed class AuditCheckpoint(string path, AuditChainKey key)
{
    public const string FileName = "audit-chain.checkpoint";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Lock gate = new();
    private AuditCheckpointRecord? known;
    private bool loaded;

    public static AuditCheckpoint InDataFolder(DataDirectory data, AuditChainKey key) => new(data.Resolve(FileName), key);

    public string Path { get; } = path;

    /// <summary>What the file says now; null when there is none. A file that cannot be parsed comes back unreadable.</summary>
    public AuditCheckpointRecord? Read()
    {
        string text;
        try
        {
            text = File.ReadAllText(Path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<AuditCheckpointRecord>(text, Json) ?? AuditCheckpointRecord.Unreadable;
        }
        catch (JsonException)
        {
            return AuditCheckpointRecord.Unreadable;
        }
    }

    /// <summary>The newest authentic checkpoint, for appends to compare the head with; null when there is none.</summary>
    public AuditCheckpointRecord? Authentic
    {
        get
        {
            lock (gate)
            {
                EnsureLoaded();
                return known;
            }
        }
    }

    /// <summary>Moves the checkpoint to a head that has just been committed; an older head never replaces a newer one.</summary>
    public void Advance(long sequence, string hash)
    {
        lock (gate)
        {
            EnsureLoaded();
            if (known is not null && known.Sequence >= sequence)
            {
                return;
            }
            var record = new AuditCheckpointRecord(sequence, hash, key.SignCheckpoint(sequence, hash));
            var temporary = Path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(record, Json));
            File.Move(temporary, Path, overwrite: true);
            known = record;
        }
    }

    private void EnsureLoaded()
    {
        if (loaded)
        {
            return;
        }
        var record = Read();
        known = record is not null && record.IsAuthentic(key) ? record : null;
        loaded = true;
    }
}

/// <summary>One checkpoint: a chain head (sequence and hash) signed with the chain key.</summary>
public sealed record AuditCheckpointRecord(long Sequence, string Hash, string Mac)
{
    public static readonly AuditCheckpointRecord Unreadable = new(-1, "", "");

    public bool IsAuthentic(AuditChainKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Sequence >= 0 && Hash is not null && AuditChainKey.Matches(key.SignCheckpoint(Sequence, Hash), Mac);
    }
}
