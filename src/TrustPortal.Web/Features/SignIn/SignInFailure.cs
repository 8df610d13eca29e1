using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrustPortal.Web.Features.SignIn;

/// <summary>
/// One wrong password (or one attempt still being checked) for an account from a client address. Kept in the
/// database so every instance of the portal sees the same count.
/// </summary>
public class SignInFailure
{
    public long Id { get; set; }
    /// <summary>SHA-256 of the normalized user name as typed, so unknown addresses are throttled exactly like real ones.</summary>
    public string AccountKey { get; set; } = "";
    /// <summary>The client's IPv4 address, or its IPv6 /64 network (one subscriber gets a whole /64).</summary>
    public string ClientKey { get; set; } = "";
    public DateTime AtUtc { get; set; }
}

public sealed class SignInFailureConfiguration : IEntityTypeConfiguration<SignInFailure>
{
    public void Configure(EntityTypeBuilder<SignInFailure> builder)
    {
        builder.Property(f => f.AccountKey).HasMaxLength(64);
        builder.Property(f => f.ClientKey).HasMaxLength(64);
        builder.HasIndex(f => new { f.AccountKey, f.ClientKey });
        builder.HasIndex(f => new { f.AccountKey, f.AtUtc });
        builder.HasIndex(f => f.AtUtc);
    }
}
