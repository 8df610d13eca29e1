using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TrustPortal.Web.Features.Audit;

/// <summary>The hash chain rules: how an event's hash is computed and how new events are linked.</summary>
public static class AuditChain
{
    public static readonly string GenesisHash = new('0', 64);

    public static void Link(IReadOnlyList<AuditEvent> pending, long headSequence, string headHash)
    {
        var sequence = headSequence;
        var previous = headHash;
        foreach (var e in pending)
        {
            e.Sequence = ++sequence;
            e.PreviousHash = previous;
            e.Hash = ComputeHash(e);
            previous = e.Hash;
        }
    }

    public static string ComputeHash(AuditEvent e) => ComputeHash(e, e.PreviousHash);

    /// <summary>The event's hash if the event before it had <paramref name="previousHash"/>: recomputes a chain from content alone.</summary>
    public static string ComputeHash(AuditEvent e, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(e);
        // Unit separators keep fields from running into each other; ticks survive every provider's DateTime round trip.
        var canonical = string.Join('\u001f',
            e.Sequence.ToString(CultureInfo.InvariantCulture),
            e.OccurredAtUtc.Ticks.ToString(CultureInfo.InvariantCulture),
            e.ActorId ?? "", e.ActorName, e.Action, e.EntityType, e.EntityId, e.Data, e.IpAddress ?? "",
            previousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
