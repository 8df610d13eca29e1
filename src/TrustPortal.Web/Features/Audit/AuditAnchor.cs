using System.Globalization;
using System.Security.Cryptography.Pkcs;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrustPortal.Web.Features.Audit;

/// <summary>
/// The audit chain's head (sequence and hash) time-stamped by an RFC 3161 authority: proof from outside the portal,
/// which even the chain key cannot forge, that the trail up to <see cref="Sequence"/> hashed to <see cref="Hash"/> at
/// <see cref="TimestampUtc"/>.
/// </summary>
public class AuditAnchor
{
    public long Id { get; set; }
    public long Sequence { get; set; }
    public string Hash { get; set; } = "";
    /// <summary>The time the authority put in its token.</summary>
    public DateTime TimestampUtc { get; set; }
    /// <summary>The authority's certificate subject.</summary>
    public string Authority { get; set; } = "";
    /// <summary>The RFC 3161 token (DER), over <see cref="Message"/> of the sequence and hash.</summary>
    public byte[] Token { get; set; } = [];
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>What is time-stamped: the head written as "trustportal-audit-head:{sequence}:{hash}".</summary>
    public static byte[] Message(long sequence, string hash) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"trustportal-audit-head:{sequence}:{hash}"));

    /// <summary>True when the stored token is a valid time-stamp over this anchor's sequence and hash.</summary>
    public bool TokenHolds()
    {
        try
        {
            return Rfc3161TimestampToken.TryDecode(Token, out var token, out _)
                && token.VerifySignatureForData(Message(Sequence, Hash), out _);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }
}

public sealed class AuditAnchorConfiguration : IEntityTypeConfiguration<AuditAnchor>
{
    public void Configure(EntityTypeBuilder<AuditAnchor> builder)
    {
        // One anchor per head: instances anchoring the same head at once store it once.
        builder.HasIndex(a => a.Sequence).IsUnique();
        builder.Property(a => a.Hash).HasMaxLength(64);
        builder.Property(a => a.Authority).HasMaxLength(1000);
    }
}
