using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrustPortal.Web.Data;
using TrustPortal.Web.Features.Organizations;

namespace TrustPortal.Web.Features.Api.Tokens;

/// <summary>
/// A bearer token for the REST API. Only the SHA-256 of the secret is stored; the secret is shown once when created.
/// A token acts for its owner with at most its scopes, and only while the owner still holds the rights behind them.
/// </summary>
public class ApiToken
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public string UserId { get; set; } = "";
    /// <summary>The customer organization the token reads; null for a staff token.</summary>
    public Guid? OrganizationId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The first characters of the secret, so the owner can tell tokens apart (never enough to use one).</summary>
    public string Hint { get; set; } = "";
    /// <summary>Lower-case hex SHA-256 of the whole secret; the lookup key.</summary>
    public string TokenHash { get; set; } = "";
    /// <summary>Granted scopes, separated by spaces.</summary>
    public string Scopes { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
    public DateTime? LastUsedAtUtc { get; set; }
    public DateTime? RevokedAtUtc { get; set; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

public sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.Property(t => t.UserId).HasMaxLength(450);
        builder.Property(t => t.Name).HasMaxLength(ApiTokenRules.NameMaxLength);
        builder.Property(t => t.Hint).HasMaxLength(16);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.Property(t => t.Scopes).HasMaxLength(300);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => new { t.UserId, t.CreatedAtUtc });
        // A removed user or organization takes its tokens with it.
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organization>().WithMany().HasForeignKey(t => t.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
