namespace TrustPortal.Web.Features.Api.Tokens;

/// <summary>Limits on what a token may be: a name, a bounded life, scopes its owner may use.</summary>
public static class ApiTokenRules
{
    public const int NameMaxLength = 100;
    public const int MaxLifetimeDays = 365;
    public const int DefaultLifetimeDays = 90;
    /// <summary>Enough for any integration; keeps a leaked account from minting tokens without end.</summary>
    public const int MaxActivePerUser = 20;

    public static string? NameProblem(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return "Give the token a name that says what uses it.";
        }
        if (trimmed.Length > NameMaxLength)
        {
            return $"The name can be at most {NameMaxLength} characters.";
        }
        return trimmed.Any(char.IsControl) ? "The name cannot contain control characters." : null;
    }

    public static string? ExpiryProblem(DateOnly? expires, DateOnly today)
    {
        if (expires is not { } date)
        {
            return "Choose when the token expires.";
        }
        if (date <= today)
        {
            return "The expiry date must be in the future.";
        }
        return date > today.AddDays(MaxLifetimeDays) ? $"A token can live at most {MaxLifetimeDays} days." : null;
    }
}
