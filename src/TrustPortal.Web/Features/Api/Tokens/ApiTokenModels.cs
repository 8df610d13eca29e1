namespace TrustPortal.Web.Features.Api.Tokens;

/// <summary>A token as its owner sees it in the list: never the secret.</summary>
public sealed record ApiTokenRow(Guid Id, string Name, string Hint, IReadOnlyList<string> Scopes, DateTime CreatedAtUtc, DateTime ExpiresAtUtc,
    DateTime? LastUsedAtUtc, DateTime? RevokedAtUtc)
{
    public bool IsActive(DateTime nowUtc) => RevokedAtUtc is null && ExpiresAtUtc > nowUtc;
}

/// <summary>What the token page offers the signed-in user: the scopes they may grant, and for whom the tokens read.</summary>
public sealed record ApiTokenOptionsView(IReadOnlyList<string> Scopes, string? OrganizationName, bool IsStaff);

/// <summary>The request to create a token.</summary>
public sealed class ApiTokenForm
{
    public string Name { get; set; } = "";
    public DateTime? ExpiresOn { get; set; }
    public HashSet<string> Scopes { get; set; } = [];
}

/// <summary>A new token: the secret is in this object once and nowhere else.</summary>
public sealed record CreatedApiToken(Guid Id, string Secret);
